package dev.cognate.hostedui.web;

import java.util.List;
import java.util.Map;

/** One radio button of a choice among MFA methods: the challenge name it answers with, its label, whether it is checked. */
public record MfaOption(String value, String label, boolean checked) {

    /** The methods a page can offer, in the order they are listed; others named by the engine are left out. */
    static final List<String> KNOWN = List.of("SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "SMS_MFA");

    /** The options for {@code methods} (the engine's list), the first one checked unless {@code chosen} names another. */
    static List<MfaOption> of(List<String> methods, String chosen, PageMessages messages) {
        Map<String, String> labels = Map.of("SOFTWARE_TOKEN_MFA", messages.mfaTypeSoftwareToken(), "EMAIL_OTP", messages.mfaTypeEmail(),
                "SMS_MFA", messages.mfaTypeSms());
        List<String> offered = KNOWN.stream().filter(methods::contains).toList();
        String checked = offered.contains(chosen) ? chosen : offered.isEmpty() ? null : offered.get(0);
        return offered.stream().map(method -> new MfaOption(method, labels.get(method), method.equals(checked))).toList();
    }
}
