package dev.cognate.userpool.domain;

import dev.cognate.awsprotocol.CognitoException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CSS of SetUICustomization, checked as Cognito checks it: only rules whose selectors are Cognito's customizable
 * classes, and in each only the properties Cognito's developer guide lists for that class ("Customizing hosted UI
 * (classic) branding"). Values are plain CSS values: no {@code url(}, {@code expression(}, at-rules, markup, escapes,
 * comments or {@code javascript:}, and only the characters colours, lengths and keywords need. Anything else is an
 * InvalidParameterException naming the offending selector or property.
 *
 * <p>The answer is the CSS re-serialised from what was parsed, one declaration a line; the raw input is never kept,
 * so nothing the parser did not understand can reach a browser.
 */
public final class CustomizableCss {

    /** The {@code CSS} member's maximum length in the API reference. */
    public static final int MAX_LENGTH = 131072;

    /** Cognito's customizable classes and the properties each accepts. */
    static final Map<String, Set<String>> PROPERTIES = Map.ofEntries(
            Map.entry(".background-customizable", Set.of("background-color")),
            Map.entry(".banner-customizable", Set.of("padding", "background-color")),
            Map.entry(".errorMessage-customizable", Set.of("margin", "padding", "font-size", "width", "background", "border", "color",
                    "box-sizing")),
            Map.entry(".idpButton-customizable", Set.of("height", "width", "text-align", "margin-bottom", "color", "background-color",
                    "border-color")),
            Map.entry(".idpButton-customizable:hover", Set.of("color", "background-color")),
            Map.entry(".inputField-customizable", Set.of("width", "height", "color", "background-color", "border")),
            Map.entry(".inputField-customizable:focus", Set.of("border-color", "outline")),
            // The guide lists font-weight; its own CLI example sets color, and font-size is in the console's template.
            Map.entry(".label-customizable", Set.of("font-weight", "color", "font-size")),
            Map.entry(".legalText-customizable", Set.of("color", "font-size")),
            Map.entry(".logo-customizable", Set.of("max-width", "max-height")),
            Map.entry(".submitButton-customizable", Set.of("font-size", "font-weight", "margin", "width", "height", "color",
                    "background-color")),
            Map.entry(".submitButton-customizable:hover", Set.of("color", "background-color")),
            Map.entry(".textDescription-customizable", Set.of("padding-top", "padding-bottom", "display", "font-size")));

    private static final List<String> FORBIDDEN = List.of("url(", "expression(", "@import", "<", "\\", "/*", "javascript:");
    private static final Pattern PROPERTY = Pattern.compile("[a-z-]+");
    /** Colours (#hex, rgb(), hsl()), lengths, percentages, numbers and keywords; nothing that can end a value or a rule. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9#%.,()+\\- ]+");

    private CustomizableCss() {
    }

    /** The validated CSS, re-serialised; {@code null} for blank CSS. */
    public static String validated(String css) {
        if (css == null || css.isBlank()) {
            return null;
        }
        if (css.length() > MAX_LENGTH) {
            throw invalid("the CSS must not be longer than " + MAX_LENGTH + " characters.");
        }
        if (css.contains("/*")) {
            throw invalid("comments are not allowed.");
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            at = skipWhitespace(css, at);
            if (at >= css.length()) {
                break;
            }
            if (css.charAt(at) == '@') {
                throw invalid("at-rules (@import, @media, ...) are not allowed.");
            }
            int open = css.indexOf('{', at);
            if (open < 0) {
                throw invalid("expected '{' after '" + excerpt(css.substring(at)) + "'.");
            }
            int close = css.indexOf('}', open);
            if (close < 0) {
                throw invalid("the rule of '" + excerpt(css.substring(at, open).trim()) + "' has no closing '}'.");
            }
            if (css.indexOf('{', open + 1) >= 0 && css.indexOf('{', open + 1) < close) {
                throw invalid("nested rules are not allowed.");
            }
            List<String> selectors = selectors(css.substring(at, open));
            out.append(rule(selectors, css.substring(open + 1, close)));
            at = close + 1;
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static List<String> selectors(String text) {
        List<String> selectors = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String selector = part.trim().replaceAll("\\s+", " ");
            if (!PROPERTIES.containsKey(selector)) {
                throw invalid("the selector '" + excerpt(selector) + "' is not one of Cognito's customizable classes "
                        + PROPERTIES.keySet().stream().sorted().toList() + ".");
            }
            selectors.add(selector);
        }
        return selectors;
    }

    private static String rule(List<String> selectors, String body) {
        Map<String, String> declarations = new LinkedHashMap<>();
        for (String declaration : body.split(";")) {
            if (declaration.isBlank()) {
                continue;
            }
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                throw invalid("'" + excerpt(declaration.trim()) + "' in '" + selectors.get(0) + "' is not a 'property: value' declaration.");
            }
            String property = declaration.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).trim().replaceAll("\\s+", " ");
            for (String selector : selectors) {
                if (!PROPERTY.matcher(property).matches() || !PROPERTIES.get(selector).contains(property)) {
                    throw invalid("the property '" + excerpt(property) + "' is not allowed in '" + selector + "'; allowed: "
                            + PROPERTIES.get(selector).stream().sorted().toList() + ".");
                }
            }
            checkValue(selectors.get(0), property, value);
            declarations.put(property, value);
        }
        StringBuilder rule = new StringBuilder(String.join(", ", selectors)).append(" {\n");
        declarations.forEach((property, value) -> rule.append("  ").append(property).append(": ").append(value).append(";\n"));
        return rule.append("}\n").toString();
    }

    private static void checkValue(String selector, String property, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String forbidden : FORBIDDEN) {
            if (lower.contains(forbidden)) {
                throw invalid("the value of '" + property + "' in '" + selector + "' must not contain '" + forbidden + "'.");
            }
        }
        if (value.isEmpty() || !VALUE.matcher(value).matches()) {
            throw invalid("the value '" + excerpt(value) + "' of '" + property + "' in '" + selector
                    + "' is not a plain CSS value (colours, lengths, percentages and keywords only).");
        }
    }

    private static int skipWhitespace(String css, int at) {
        while (at < css.length() && Character.isWhitespace(css.charAt(at))) {
            at++;
        }
        return at;
    }

    /** At most 60 characters of the input in a message. */
    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static CognitoException invalid(String reason) {
        return CognitoException.invalidParameter("Invalid CSS: " + reason);
    }
}
