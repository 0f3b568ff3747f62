package org.entrasfo.broker.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ScimUserWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXT = "urn:ietf:params:scim:schemas:extension:entrasfo:2.0:User";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static List<String> paths(String method, String body) throws Exception {
        return ScimUserWrites.of(method, json(body)).stream().map(ScimUserWrites.Write::path).toList();
    }

    @Test
    void entrasCreateWritesOnlyMappedAttributes() throws Exception {
        assertThat(paths("POST", "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User','" + EXT + "'],'externalId':'oid',"
                + "'userName':'a@b.example','active':true,'emails':[{'primary':true,'type':'work','value':'a@b.example'}],"
                + "'meta':{'resourceType':'User'},'name':{'givenName':'A','familyName':'B'},'" + EXT + "':{'mobile':'+41791234567'}}"))
                .containsExactlyInAnyOrder("externalid", "username", "active", "emails", "name.givenname", "name.familyname",
                        ScimUserWrites.MOBILE);
    }

    @Test
    void entrasPatchPathsAreReadAsTheMappingNamesThem() throws Exception {
        assertThat(paths("PATCH", "{'Operations':[{'op':'Replace','path':'emails[type eq \\'work\\'].value','value':'x'},"
                + "{'op':'Add','path':'" + EXT + ":mobile','value':'+41791234567'},"
                + "{'op':'Replace','path':'urn:ietf:params:scim:schemas:core:2.0:User:active','value':'False'},"
                + "{'op':'Add','value':{'externalId':'oid'}}]}"))
                .containsExactly("emails.value", ScimUserWrites.MOBILE, "active", "externalid");
    }

    @Test
    void refusesAnyAttributeTheMappingDoesNotName() {
        for (String body : List.of(
                "{'Operations':[{'op':'Add','path':'groups','value':[{'value':'g'}]}]}",
                "{'Operations':[{'op':'Add','path':'" + EXT + ":sfo_enrolment_until','value':'1'}]}",
                "{'Operations':[{'op':'Add','value':{'urn:keycloak:params:scim:schemas:extension:realm:1.0:User':{'entra_tid':'t'}}}]}",
                "{'Operations':[{'op':'Replace','path':'active','value':'False'},{'op':'Add','path':'title','value':'Chief'}]}",
                "{'Operations':[{'op':'Add','value':{'name':'flat'}}]}",
                "{'Operations':[{'op':'Add','value':{'Groups':[]}}]}")) {
            assertThatThrownBy(() -> ScimUserWrites.of("PATCH", json(body))).as(body).isInstanceOf(ScimUserWrites.Refused.class)
                    .hasMessageContaining("not provisioned");
        }
    }

    @Test
    void refusesPatchesThatAreNotScimPatches() {
        for (String body : List.of("{}", "{'Operations':[]}", "{'Operations':[{'op':'copy','path':'active'}]}",
                "{'Operations':[{'op':'Add','value':'x'}]}")) {
            assertThatThrownBy(() -> ScimUserWrites.of("PATCH", json(body))).as(body).isInstanceOf(ScimUserWrites.Refused.class);
        }
    }

    @Test
    void readsTheOneTextAValueSets() throws Exception {
        assertThat(ScimUserWrites.text(json("'+41791234567'"))).isEqualTo("+41791234567");
        assertThat(ScimUserWrites.text(json("[{'value':'x@y.example','type':'work'}]"))).isEqualTo("x@y.example");
        assertThat(ScimUserWrites.text(json("[{'value':'a'},{'value':'b'}]"))).isNull();
    }

    @Test
    void aTokenBelongsOnlyAtTheScimEndpointOfTheRealmThatIssuedIt() {
        assertThat(ScimClientConfinement.isScimEndpoint(List.of("realms", "contoso", "scim", "v2", "Users"), "contoso")).isTrue();
        assertThat(ScimClientConfinement.isScimEndpoint(List.of("realms", "other", "scim", "v2", "Users"), "contoso")).isFalse();
        assertThat(ScimClientConfinement.isScimEndpoint(List.of("admin", "realms", "contoso", "users"), "contoso")).isFalse();
        assertThat(ScimClientConfinement.isScimEndpoint(List.of("realms", "contoso", "account"), "contoso")).isFalse();
    }

    @Test
    void aRemoveWritesNothingWhateverValueItCarriesAndNeedsAPath() throws Exception {
        // A remove of externalId carrying the bound value must not read as "set it to that value".
        List<ScimUserWrites.Write> writes = ScimUserWrites.of("PATCH", json("{'Operations':[{'op':'Remove','path':'externalId','value':'oid'}]}"));
        assertThat(writes).singleElement().satisfies(write -> {
            assertThat(write.path()).isEqualTo("externalid");
            assertThat(ScimUserWrites.text(write.value())).isNull();
        });
        assertThatThrownBy(() -> ScimUserWrites.of("PATCH", json("{'Operations':[{'op':'Remove','value':{'externalId':'oid'}}]}")))
                .hasMessageContaining("remove needs a path");
    }
}
