package dev.cognate.userpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the hosted login of a pool's domain is served, prefix {@code cognate.hosted-ui}. Cognito answers
 * a CloudFront host for every domain; Cognate answers the host the operator routes to hosted-ui-service.
 */
@ConfigMapping(prefix = "cognate.hosted-ui")
public interface HostedUiConfig {

    /**
     * The base URL of a prefix domain's hosted login, with {@code {domain}} and optionally {@code {region}}
     * replaced (Cognito: {@code https://{domain}.auth.{region}.amazoncognito.com}). Its host is the
     * {@code CloudFrontDistribution} of DescribeUserPoolDomain. The default works on one machine: browsers and
     * most resolvers send every {@code *.localhost} name to the loopback address.
     */
    @WithDefault("http://{domain}.auth.{region}.localhost:8082")
    String prefixDomainTemplate();

    /**
     * The host a custom domain's DNS record must point to (the ingress in front of hosted-ui-service): the
     * {@code CloudFrontDomain} of CreateUserPoolDomain and the {@code CloudFrontDistribution} of DescribeUserPoolDomain.
     */
    @WithDefault("localhost")
    String customDomainTarget();

    /**
     * hosted-ui-service's own base URL, for what it serves outside a pool's domain: the logo URLs
     * ({@code ImageUrl} of GetUICustomization) of pools without a domain.
     */
    @WithDefault("http://localhost:8082")
    String baseUrl();
}
