package org.entrasfo.broker.provisioning;

/**
 * One part of making a realm serve an Entra tenant. Applying a step again to a realm it already set up changes
 * nothing, so the whole provisioning call is idempotent; a step only ever tightens what an admin may have loosened.
 */
public interface ProvisioningStep {

    void apply(TenantRealmSetup setup);
}
