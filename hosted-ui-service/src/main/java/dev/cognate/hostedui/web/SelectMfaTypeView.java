package dev.cognate.hostedui.web;

import java.util.List;

/** What a choice among MFA methods shows: where it posts, its CSRF token, the error of the last try, the options. */
public record SelectMfaTypeView(String action, String csrf, String error, List<MfaOption> options) {
}
