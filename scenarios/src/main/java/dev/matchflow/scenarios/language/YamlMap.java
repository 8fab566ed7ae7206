package dev.matchflow.scenarios.language;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/** A mapping of a scenario file: its keys in file order, each with the place it was written. */
final class YamlMap {

    private final YamlValue self;
    private final Map<String, YamlValue> keys = new LinkedHashMap<>();
    private final Map<String, YamlValue> values = new LinkedHashMap<>();

    YamlMap(YamlValue self, MappingNode node) {
        this.self = self;
        for (NodeTuple tuple : node.getValue()) {
            YamlValue key = new YamlValue(tuple.getKeyNode(), self.file());
            String name = key.text("a key");
            if (keys.containsKey(name)) {
                throw key.bad("'" + name + "' is given twice in this mapping (first at line "
                        + keys.get(name).line() + ")");
            }
            keys.put(name, key);
            values.put(name, new YamlValue(tuple.getValueNode(), self.file()));
        }
    }

    YamlValue self() {
        return self;
    }

    /** Refuses any key not in {@code allowed}, naming the valid ones and the closest. */
    YamlMap allowOnly(String what, Collection<String> allowed) {
        for (Map.Entry<String, YamlValue> key : keys.entrySet()) {
            if (!allowed.contains(key.getKey())) {
                throw key.getValue()
                        .bad("unknown key '" + key.getKey() + "' in " + what + "; expected one of: "
                                + String.join(", ", allowed) + Suggestions.didYouMean(key.getKey(), allowed));
            }
        }
        return this;
    }

    Optional<YamlValue> get(String key) {
        return Optional.ofNullable(values.get(key)).flatMap(YamlValue::present);
    }

    YamlValue require(String key, String what) {
        return get(key).orElseThrow(() -> self.bad(what + " needs '" + key + "'"));
    }

    boolean has(String key) {
        return get(key).isPresent();
    }

    Set<String> keys() {
        return keys.keySet();
    }

    /** The key itself, for problems about the key rather than its value. */
    YamlValue key(String key) {
        return keys.get(key);
    }

    /** The keys of {@code candidates} present here, in file order. */
    List<String> present(Collection<String> candidates) {
        List<String> found = new ArrayList<>();
        keys.keySet().stream().filter(candidates::contains).forEach(found::add);
        return found;
    }

    List<Map.Entry<String, YamlValue>> entries() {
        return List.copyOf(values.entrySet());
    }
}
