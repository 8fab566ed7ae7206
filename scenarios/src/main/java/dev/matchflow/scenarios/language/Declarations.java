package dev.matchflow.scenarios.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a scenario declares as the parser reads it, in file order: users, pools and matches. A name used
 * before it is declared, or never declared, is an error at the line that uses it.
 */
final class Declarations {

    /** A kind of named thing. */
    enum Kind {
        USER("user", "declare it under setup.users or as a member of a pool in setup.members"),
        POOL("pool", "declare it under setup.pools"),
        MATCH("match", "name it in setup.matches or in an earlier match step");

        private final String word;
        private final String remedy;

        Kind(String word, String remedy) {
            this.word = word;
            this.remedy = remedy;
        }
    }

    private final Map<Kind, Map<String, Integer>> declared = new LinkedHashMap<>();

    Declarations() {
        for (Kind kind : Kind.values()) {
            declared.put(kind, new LinkedHashMap<>());
        }
    }

    /** Declares a name; a name declared twice is an error, except users, whom several lists may name. */
    void declare(Kind kind, String name, YamlValue where) {
        if (!Names.NAME.matcher(name).matches()) {
            throw where.bad(kind.word + " name '" + name + "' is not a name: use letters, digits, '_', '.' and '-',"
                    + " starting with a letter or digit");
        }
        Integer earlier = declared.get(kind).putIfAbsent(name, where.line());
        if (earlier != null && kind != Kind.USER) {
            throw where.bad(kind.word + " '" + name + "' is declared twice (first at line " + earlier + ")");
        }
    }

    List<String> all(Kind kind) {
        return List.copyOf(declared.get(kind).keySet());
    }

    /** One declared name. */
    String one(Kind kind, YamlValue value) {
        String name = value.text("a " + kind.word + " name");
        if (Names.isPattern(name)) {
            throw value.bad("expected one " + kind.word + " here, found the pattern '" + name + "'");
        }
        return known(kind, name, value);
    }

    /** The names a value stands for: one name, a pattern such as {@code player-*}, or a list of either. */
    List<String> many(Kind kind, YamlValue value) {
        Set<String> names = new LinkedHashSet<>();
        for (YamlValue item : value.listOrOne(kind.word + " names")) {
            String text = item.text("a " + kind.word + " name or pattern");
            if (Names.isPattern(text)) {
                List<String> matched = Names.matching(text, all(kind));
                if (matched.isEmpty()) {
                    throw item.bad("the pattern '" + text + "' matches no " + kind.word + " declared so far");
                }
                names.addAll(matched);
            } else {
                names.add(known(kind, text, item));
            }
        }
        return new ArrayList<>(names);
    }

    /** The name, when it is declared; {@code where} is the value that uses it. */
    String known(Kind kind, String name, YamlValue where) {
        if (!declared.get(kind).containsKey(name)) {
            throw where.bad("unknown " + kind.word + " '" + name + "'; " + kind.remedy
                    + Suggestions.didYouMean(name, declared.get(kind).keySet()));
        }
        return name;
    }
}
