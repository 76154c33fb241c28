package dev.cognate.identitypool.service;

import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.repository.IdentityPoolRolesRepository;
import dev.cognate.identitypool.role.RoleResolver;
import dev.cognate.identitypool.sts.CredentialVendor;
import dev.cognate.identitypool.sts.VendedCredentials;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * GetCredentialsForIdentity: the caller proves the identity ({@link IdentityService#authenticate}), the pool's roles
 * and mappings choose the role ({@link RoleResolver}), the provider's attribute map gives the principal tags
 * ({@link PrincipalTagService}), and the configured vendor vends credentials for them ({@link CredentialVendor}).
 */
@ApplicationScoped
public class CredentialsService {

    private final Pool db;
    private final IdentityService identities;
    private final IdentityPoolRolesRepository roles;
    private final PrincipalTagService principalTags;
    private final CredentialVendor vendor;

    public CredentialsService(Pool db, IdentityService identities, IdentityPoolRolesRepository roles, PrincipalTagService principalTags,
                              CredentialVendor vendor) {
        this.db = db;
        this.identities = identities;
        this.roles = roles;
        this.principalTags = principalTags;
        this.vendor = vendor;
    }

    public Uni<VendedCredentials> credentialsForIdentity(String identityId, Map<String, String> logins, String customRoleArn) {
        return identities.authenticate(identityId, logins).chain(caller -> roles.find(db, caller.pool().id()).chain(poolRoles -> {
            // with several logins, role and tags come from the first in provider-name order (the map is verified in that order)
            VerifiedLogin login = PrincipalTagService.primary(caller.logins());
            String role = RoleResolver.resolve(poolRoles, login == null ? null : login.providerName(),
                    login == null ? null : login.claims(), customRoleArn);
            return principalTags.tagsFor(caller.pool(), login).chain(tags -> vendor.vend(
                    new CredentialVendor.Request(caller.pool(), caller.identity().id(), role, caller.logins(), tags)));
        }));
    }
}
