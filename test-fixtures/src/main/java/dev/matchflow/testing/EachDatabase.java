package dev.matchflow.testing;

import dev.matchflow.testing.TestDatabase.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/** The extension behind {@link DatabaseTest}: one invocation per database server. */
final class EachDatabase implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Kind.H2, Kind.MARIADB).map(OnServer::new);
    }

    /** One run of the test on one server. */
    private static final class OnServer implements TestTemplateInvocationContext {

        private final Kind kind;

        OnServer(Kind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.displayName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new FreshDatabase(kind));
        }
    }

    /** Creates the database when the test asks for it, drops it after the test, skips unreachable MariaDB. */
    private static final class FreshDatabase implements ParameterResolver, AfterEachCallback, ExecutionCondition {

        private final Kind kind;
        private CreatedDatabase created;

        FreshDatabase(Kind kind) {
            this.kind = kind;
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (kind == Kind.H2) {
                return ConditionEvaluationResult.enabled("H2 runs in memory");
            }
            return MariaDbServer.shared()
                    .skipReason()
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("MariaDB is reachable"));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (created == null) {
                created = kind == Kind.H2
                        ? H2Databases.create()
                        : MariaDbServer.shared().create();
            }
            return created.database();
        }

        @Override
        public void afterEach(ExtensionContext context) {
            if (created != null) {
                created.drop();
                created = null;
            }
        }
    }
}
