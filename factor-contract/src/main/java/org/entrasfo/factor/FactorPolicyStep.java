package org.entrasfo.factor;

/**
 * Marks the authenticator factory of the step that decides, before any factor runs, which factors may serve the user.
 * Provisioning puts the one step that implements it between the hint and the factors.
 */
public interface FactorPolicyStep {
}
