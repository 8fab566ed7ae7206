package dev.matchflow.pubsub.embedded.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoUtils;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One method of the REST form of an API, bound to the unary gRPC method it stands for, as the method's
 * {@code google.api.http} annotation describes it: HTTP method, path template and whether the body is the request.
 *
 * <p>The request message is built the way Google's REST front ends build it: the JSON body (proto field names and
 * their camelCase JSON names are both accepted), then query parameters naming request fields, then the variables of
 * the path, which win over the body.
 */
final class RestRoute {

    // Google's standard query parameters that say how to answer rather than what to do. The answer is always the full
    // JSON form, so they are accepted and have no effect.
    private static final Set<String> SYSTEM_PARAMETERS = Set.of(
            "alt",
            "prettyPrint",
            "fields",
            "key",
            "quotaUser",
            "$.xgafv",
            "access_token",
            "oauth_token",
            "callback",
            "upload_protocol",
            "uploadType");

    private static final JsonFormat.Parser JSON = JsonFormat.parser();

    private final String httpMethod;
    private final PathTemplate path;
    private final boolean bodyIsRequest;
    private final Message requestPrototype;
    private final MethodDescriptor<Message, Message> grpcMethod;

    private RestRoute(
            String httpMethod,
            PathTemplate path,
            boolean bodyIsRequest,
            Message requestPrototype,
            MethodDescriptor<Message, Message> grpcMethod) {
        this.httpMethod = httpMethod;
        this.path = path;
        this.bodyIsRequest = bodyIsRequest;
        this.requestPrototype = requestPrototype;
        this.grpcMethod = grpcMethod;
    }

    /** The routes of every unary method of {@code service} that has an HTTP annotation. */
    static List<RestRoute> of(ServiceDescriptor service) {
        return service.getMethods().stream()
                .filter(method -> method.getType() == MethodDescriptor.MethodType.UNARY)
                .flatMap(method -> of(method).stream())
                .toList();
    }

    String httpMethod() {
        return httpMethod;
    }

    PathTemplate path() {
        return path;
    }

    MethodDescriptor<Message, Message> grpcMethod() {
        return grpcMethod;
    }

    /**
     * The gRPC request for one HTTP request on this route.
     *
     * @throws StatusRuntimeException with {@code INVALID_ARGUMENT} when the body or a query parameter does not fit
     *     the request message
     */
    Message newRequest(Map<String, String> pathVariables, String rawQuery, String body) {
        Message.Builder request = requestPrototype.newBuilderForType();
        if (bodyIsRequest) {
            merge(body.isBlank() ? "{}" : body, request, "Invalid JSON payload received");
        }
        ObjectNode queryFields = queryFields(rawQuery);
        if (!queryFields.isEmpty()) {
            merge(queryFields.toString(), request, "Invalid query parameters " + queryFields);
        }
        pathVariables.forEach((field, value) -> setField(request, field, value));
        return request.build();
    }

    private static Optional<RestRoute> of(MethodDescriptor<?, ?> method) {
        HttpRule rule = ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor())
                .getMethodDescriptor()
                .getOptions()
                .getExtension(AnnotationsProto.http);
        if (rule.getPatternCase() == HttpRule.PatternCase.PATTERN_NOT_SET) {
            return Optional.empty();
        }
        Message requestPrototype = prototypeOf(method.getRequestMarshaller());
        Message responsePrototype = prototypeOf(method.getResponseMarshaller());
        MethodDescriptor<Message, Message> grpcMethod = method.toBuilder(
                        ProtoUtils.marshaller(requestPrototype), ProtoUtils.marshaller(responsePrototype))
                .build();
        return Optional.of(new RestRoute(
                httpMethodOf(rule),
                PathTemplate.parse(templateOf(rule)),
                bodyIsRequest(rule, method),
                requestPrototype,
                grpcMethod));
    }

    private static Message prototypeOf(MethodDescriptor.Marshaller<?> marshaller) {
        if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<?> prototypes
                && prototypes.getMessagePrototype() instanceof Message prototype) {
            return prototype;
        }
        throw new IllegalArgumentException("gRPC marshaller " + marshaller + " is not one of protobuf messages");
    }

    private static String httpMethodOf(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> "GET";
            case PUT -> "PUT";
            case POST -> "POST";
            case DELETE -> "DELETE";
            case PATCH -> "PATCH";
            case CUSTOM -> rule.getCustom().getKind();
            case PATTERN_NOT_SET -> throw new IllegalArgumentException("HTTP rule without a pattern: " + rule);
        };
    }

    private static String templateOf(HttpRule rule) {
        return switch (rule.getPatternCase()) {
            case GET -> rule.getGet();
            case PUT -> rule.getPut();
            case POST -> rule.getPost();
            case DELETE -> rule.getDelete();
            case PATCH -> rule.getPatch();
            case CUSTOM -> rule.getCustom().getPath();
            case PATTERN_NOT_SET -> throw new IllegalArgumentException("HTTP rule without a pattern: " + rule);
        };
    }

    private static boolean bodyIsRequest(HttpRule rule, MethodDescriptor<?, ?> method) {
        if (!rule.getBody().isEmpty() && !rule.getBody().equals("*")) {
            throw new IllegalArgumentException(
                    "HTTP rule of " + method.getFullMethodName() + " maps the body to field [" + rule.getBody()
                            + "]; only the whole request (\"*\") or no body is supported");
        }
        return rule.getBody().equals("*");
    }

    private static ObjectNode queryFields(String rawQuery) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            String name = decoded(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!name.isEmpty() && !SYSTEM_PARAMETERS.contains(name)) {
                put(fields, name, equals < 0 ? "" : decoded(parameter.substring(equals + 1)));
            }
        }
        return fields;
    }

    private static void put(ObjectNode fields, String dottedName, String value) {
        String[] names = dottedName.split("\\.");
        ObjectNode parent = fields;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.withObjectProperty(names[i]);
        }
        parent.put(names[names.length - 1], value);
    }

    private static void setField(Message.Builder request, String dottedName, String value) {
        String[] names = dottedName.split("\\.");
        Message.Builder parent = request;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.getFieldBuilder(fieldOf(parent, names[i]));
        }
        parent.setField(fieldOf(parent, names[names.length - 1]), value);
    }

    private static Descriptors.FieldDescriptor fieldOf(Message.Builder message, String name) {
        return Objects.requireNonNull(
                message.getDescriptorForType().findFieldByName(name),
                () -> message.getDescriptorForType().getFullName() + " has no field " + name);
    }

    private static void merge(String json, Message.Builder request, String problem) {
        try {
            JSON.merge(json, request);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INVALID_ARGUMENT
                    .withDescription(
                            problem + " for " + request.getDescriptorForType().getFullName() + ": " + e.getMessage())
                    .asRuntimeException();
        }
    }

    private static String decoded(String text) {
        return PathTemplate.percentDecoded(text.replace('+', ' '));
    }
}
