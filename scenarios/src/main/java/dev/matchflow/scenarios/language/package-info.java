/**
 * The scenario language: YAML files read by {@link dev.matchflow.scenarios.language.ScenarioParser} into {@link
 * dev.matchflow.scenarios.language.Scenario} values with every name resolved and every number checked. A bad file is
 * refused with every problem in it, each with its line and what was expected ({@link
 * dev.matchflow.scenarios.language.ScenarioFileException}).
 */
package dev.matchflow.scenarios.language;
