package dev.cognate.identitypool.service;

import dev.cognate.identitypool.domain.VerifiedLogin;
import dev.cognate.identitypool.repository.IdentityPoolRolesRepository;
import dev.cognate.identitypool.role.RoleResolver;
import dev.cognate.identitypool.sts.CredentialVendor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * GetCredentialsForIdentity: the caller proves the identity ({@link IdentityService#authenticate}), the pool's roles
 * and mappings choose the role ({@link RoleResolver}), Cognate's STS vends credentials for it ({@link CredentialVendor}).
 */
@ApplicationScoped
public class CredentialsService {

    private final Pool db;
    private final IdentityService identities;
    private final IdentityPoolRolesRepository roles;
    private final CredentialVendor vendor;

    public CredentialsService(Pool db, IdentityService identities, IdentityPoolRolesRepository roles, CredentialVendor vendor) {
        this.db = db;
        this.identities = identities;
        this.roles = roles;
        this.vendor = vendor;
    }

    public Uni<CredentialVendor.VendedCredentials> credentialsForIdentity(String identityId, Map<String, String> logins, String customRoleArn) {
        return identities.authenticate(identityId, logins).chain(caller -> roles.find(db, caller.pool().id()).map(poolRoles -> {
            // with several logins, the role comes from the first in provider-name order (the map is verified in that order)
            VerifiedLogin login = caller.logins().isEmpty() ? null : caller.logins().get(0);
            String role = RoleResolver.resolve(poolRoles, login == null ? null : login.providerName(),
                    login == null ? null : login.claims(), customRoleArn);
            return vendor.vend(caller.identity().id(), role);
        }));
    }
}
