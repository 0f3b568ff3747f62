package org.entrasfo.broker.provisioning;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.RoleModel;

/**
 * Just enough of a Keycloak realm, in memory, for the provisioning steps' unit tests: its settings, attributes, roles,
 * flows, executions, configs, required actions and clients, and a snapshot of all of it to compare before and after.
 * Keycloak's own model runs in the integration tests; this one lets each step be specified on its own.
 */
final class InMemoryRealm {

    private final Map<String, Object> settings = new TreeMap<>();
    private final Map<String, String> attributes = new TreeMap<>();
    private final Map<String, String> roles = new TreeMap<>();
    private final Map<String, AuthenticationFlowModel> flows = new LinkedHashMap<>();
    private final Map<String, AuthenticationExecutionModel> executions = new LinkedHashMap<>();
    private final Map<String, AuthenticatorConfigModel> configs = new LinkedHashMap<>();
    private final Map<String, RequiredActionProviderModel> requiredActions = new TreeMap<>();
    private final Map<String, RequiredActionConfigModel> requiredActionConfigs = new TreeMap<>();
    private final Map<String, Map<String, Object>> clients = new TreeMap<>();
    private final RealmModel realm = proxy(RealmModel.class, this::realmCall);

    InMemoryRealm(Map<String, Object> keycloakDefaults) {
        settings.putAll(keycloakDefaults);
        settings.put("Name", "tenant");
        settings.put("Id", "realm-id");
    }

    RealmModel model() {
        return realm;
    }

    /** Everything the realm holds, as text that two equal realms share. */
    String snapshot() {
        StringBuilder text = new StringBuilder().append(settings).append(attributes).append(roles);
        flows.values().forEach(f -> text.append("\nflow ").append(f.getAlias()).append(' ').append(f.isTopLevel()));
        executions.values().forEach(e -> text.append("\nexecution ").append(flows.get(e.getParentFlow()).getAlias()).append(' ')
                .append(e.getAuthenticator()).append(' ').append(e.getFlowId() == null ? "" : flows.get(e.getFlowId()).getAlias())
                .append(' ').append(e.getRequirement()).append(' ').append(e.getPriority()).append(' ')
                .append(e.getAuthenticatorConfig() == null ? "" : configs.get(e.getAuthenticatorConfig()).getConfig()));
        requiredActions.values().forEach(a -> text.append("\naction ").append(a.getAlias()).append(' ').append(a.isEnabled()));
        requiredActionConfigs.values().forEach(c -> text.append("\naction config ").append(c.getAlias()).append(c.getConfig()));
        clients.forEach((id, client) -> text.append("\nclient ").append(id).append(' ').append(client));
        return text.toString();
    }

    void addKeycloakRequiredAction(String alias) {
        addRequiredAction(alias, alias);
    }

    /** A required action as an admin may rename it or an import may bring it: any alias for the provider. */
    void addRequiredAction(String alias, String providerId) {
        RequiredActionProviderModel action = new RequiredActionProviderModel();
        action.setAlias(alias);
        action.setProviderId(providerId);
        action.setEnabled(true);
        requiredActions.put(alias, action);
    }

    void addClient(String clientId, boolean directAccessGrants) {
        clientModel(clientId).setDirectAccessGrantsEnabled(directAccessGrants);
    }

    boolean hasClient(String clientId) {
        return clients.containsKey(clientId);
    }

    private Object realmCall(Method method, Object[] args) {
        String name = method.getName();
        Object arg = args == null || args.length == 0 ? null : args[0];
        return switch (name) {
            case "getAttribute" -> attributes.get((String) arg);
            case "setAttribute" -> attributes.put((String) arg, String.valueOf(args[1]));
            case "getRole" -> roles.containsKey((String) arg) ? role((String) arg) : null;
            case "addRole" -> {
                roles.put((String) arg, "");
                yield role((String) arg);
            }
            case "getFlowByAlias" -> flows.values().stream().filter(f -> f.getAlias().equals(arg)).findFirst().orElse(null);
            case "getAuthenticationFlowById" -> flows.get((String) arg);
            case "addAuthenticationFlow" -> stored(flows, (AuthenticationFlowModel) arg);
            case "addAuthenticatorExecution" -> stored(executions, (AuthenticationExecutionModel) arg);
            case "getAuthenticationExecutionsStream" -> executions.values().stream().filter(e -> e.getParentFlow().equals(arg))
                    .sorted(Comparator.comparingInt(AuthenticationExecutionModel::getPriority));
            case "addAuthenticatorConfig" -> stored(configs, (AuthenticatorConfigModel) arg);
            case "getAuthenticatorConfigById" -> configs.get((String) arg);
            case "updateAuthenticatorConfig" -> configs.put(((AuthenticatorConfigModel) arg).getId(), (AuthenticatorConfigModel) arg);
            case "getRequiredActionProviderByAlias" -> requiredActions.get((String) arg);
            case "getRequiredActionProvidersStream" -> new ArrayList<>(requiredActions.values()).stream();
            case "addRequiredActionProvider", "updateRequiredActionProvider" ->
                    requiredActions.put(((RequiredActionProviderModel) arg).getAlias(), (RequiredActionProviderModel) arg);
            case "getRequiredActionConfigByAlias" -> requiredActionConfigs.get((String) arg);
            case "updateRequiredActionConfig" ->
                    requiredActionConfigs.put(((RequiredActionConfigModel) arg).getAlias(), (RequiredActionConfigModel) arg);
            case "getClientsStream" -> new ArrayList<>(clients.keySet()).stream().map(this::clientModel);
            case "getClientByClientId" -> clients.containsKey((String) arg) ? clientModel((String) arg) : null;
            case "addClient" -> clientModel((String) arg);
            case "setBrowserFlow", "setDirectGrantFlow" -> settings.put(name.substring(3), ((AuthenticationFlowModel) arg).getAlias());
            default -> property(settings, name, arg);
        };
    }

    private RoleModel role(String roleName) {
        return proxy(RoleModel.class, (method, args) -> switch (method.getName()) {
            case "getName" -> roleName;
            case "setDescription" -> roles.put(roleName, (String) args[0]);
            case "getDescription" -> roles.get(roleName);
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private ClientModel clientModel(String clientId) {
        Map<String, Object> client = clients.computeIfAbsent(clientId, id -> {
            Map<String, Object> fresh = new TreeMap<>();
            fresh.put("ClientId", id);
            fresh.put("attributes", new TreeMap<String, String>());
            fresh.put("overrides", new TreeMap<String, String>());
            fresh.put("mappers", new ArrayList<String>());
            return fresh;
        });
        return proxy(ClientModel.class, (method, args) -> {
            Object arg = args == null || args.length == 0 ? null : args[0];
            return switch (method.getName()) {
                case "getAttribute" -> ((Map<String, String>) client.get("attributes")).get((String) arg);
                case "setAttribute" -> ((Map<String, String>) client.get("attributes")).put((String) arg, (String) args[1]);
                case "setAuthenticationFlowBindingOverride" -> ((Map<String, String>) client.get("overrides")).put((String) arg, (String) args[1]);
                case "getClientScopes" -> Map.of();
                case "getProtocolMappersStream" -> ((List<String>) client.get("mappers")).stream().map(InMemoryRealm::mapper);
                case "addProtocolMapper" -> {
                    ((List<String>) client.get("mappers")).add(((ProtocolMapperModel) arg).getProtocolMapper());
                    yield arg;
                }
                case "setRedirectUris", "setWebOrigins" -> client.put(method.getName().substring(3), new java.util.TreeSet<>((Set<String>) arg));
                default -> property(client, method.getName(), arg);
            };
        });
    }

    private static ProtocolMapperModel mapper(String protocolMapper) {
        ProtocolMapperModel model = new ProtocolMapperModel();
        model.setProtocolMapper(protocolMapper);
        return model;
    }

    /** setX(value) stores X; getX() and isX() read it back (false, 0 or null until set). */
    private static Object property(Map<String, Object> store, String name, Object value) {
        if (name.startsWith("set")) {
            return store.put(name.substring(3), value);
        }
        String key = name.startsWith("get") ? name.substring(3) : name.startsWith("is") ? name.substring(2) : null;
        if (key == null) {
            throw new UnsupportedOperationException(name);
        }
        return store.get(key);
    }

    private static <T> T stored(Map<String, T> store, T model) {
        String id = UUID.randomUUID().toString();
        if (model instanceof AuthenticationFlowModel flow) {
            flow.setId(id);
        } else if (model instanceof AuthenticationExecutionModel execution) {
            execution.setId(id);
        } else if (model instanceof AuthenticatorConfigModel config) {
            config.setId(id);
        }
        store.put(id, model);
        return model;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> type.getSimpleName();
                };
            }
            Object result = call.invoke(method, args);
            Class<?> returns = method.getReturnType();
            if (result == null && returns == boolean.class) {
                return false;
            }
            if (result == null && returns == int.class) {
                return 0;
            }
            if (result == null && returns == long.class) {
                return 0L;
            }
            return returns == void.class ? null : result;
        };
        return (T) Proxy.newProxyInstance(InMemoryRealm.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private interface Call {
        Object invoke(Method method, Object[] args);
    }

    static Map<String, Object> keycloakDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("SsoSessionIdleTimeout", 1800);
        defaults.put("SsoSessionMaxLifespan", 36000);
        defaults.put("AccessTokenLifespanForImplicitFlow", 900);
        defaults.put("RegistrationAllowed", true);
        defaults.put("WebAuthnPolicy", new org.keycloak.models.WebAuthnPolicy());
        return defaults;
    }
}
