package dev.matchflow.cleanup;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

/**
 * A CloudEvent read from an HTTP request: its context attributes, typed as the spec says, its extensions and its
 * data.
 */
final class ReceivedCloudEvent implements CloudEvent {

    private final SpecVersion specVersion;
    private final Map<String, Object> attributes;
    private final Map<String, Object> extensions;
    private final byte[] data;

    /**
     * @param attributes context attributes other than {@code specversion}, by name; {@code source} and
     *     {@code dataschema} as {@link URI}, {@code time} as {@link OffsetDateTime}, the rest as strings
     * @param data the payload, or null when the event has none
     */
    ReceivedCloudEvent(
            SpecVersion specVersion, Map<String, Object> attributes, Map<String, Object> extensions, byte[] data) {
        this.specVersion = specVersion;
        this.attributes = Map.copyOf(attributes);
        this.extensions = Map.copyOf(extensions);
        this.data = data == null ? null : data.clone();
    }

    @Override
    public CloudEventData getData() {
        return data == null ? null : data::clone;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return specVersion;
    }

    @Override
    public String getId() {
        return (String) attributes.get("id");
    }

    @Override
    public String getType() {
        return (String) attributes.get("type");
    }

    @Override
    public URI getSource() {
        return (URI) attributes.get("source");
    }

    @Override
    public String getDataContentType() {
        return (String) attributes.get("datacontenttype");
    }

    @Override
    public URI getDataSchema() {
        return (URI) attributes.get(specVersion == SpecVersion.V03 ? "schemaurl" : "dataschema");
    }

    @Override
    public String getSubject() {
        return (String) attributes.get("subject");
    }

    @Override
    public OffsetDateTime getTime() {
        return (OffsetDateTime) attributes.get("time");
    }

    @Override
    public Object getAttribute(String name) {
        if ("specversion".equals(name)) {
            return specVersion;
        }
        if (!specVersion.getAllAttributes().contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a CloudEvents " + specVersion
                    + " context attribute; read it as an extension");
        }
        return attributes.get(name);
    }

    @Override
    public Object getExtension(String name) {
        return extensions.get(name);
    }

    @Override
    public Set<String> getExtensionNames() {
        return extensions.keySet();
    }

    @Override
    public String toString() {
        return "CloudEvent[specversion=" + specVersion + ", " + attributes + ", extensions=" + extensions + ", data="
                + (data == null ? "none" : data.length + " bytes") + "]";
    }
}
