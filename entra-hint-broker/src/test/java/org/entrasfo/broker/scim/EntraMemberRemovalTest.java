package org.entrasfo.broker.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EntraMemberRemovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void entrasRemovalBecomesOneFilteredRemovalPerMember() throws Exception {
        JsonNode rewritten = EntraMemberRemoval.rewrite(json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                + "'Operations':[{'op':'Remove','path':'members','value':[{'value':'a-1'},{'value':'b-2'}]},"
                + "{'op':'Add','path':'members','value':[{'value':'c-3'}]}]}")).orElseThrow();

        assertThat(rewritten.path("schemas").path(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:PatchOp");
        assertThat(rewritten.path("Operations")).hasSize(3);
        assertThat(rewritten.path("Operations").path(0).path("path").asText()).isEqualTo("members[value eq \"a-1\"]");
        assertThat(rewritten.path("Operations").path(1).path("path").asText()).isEqualTo("members[value eq \"b-2\"]");
        assertThat(rewritten.path("Operations").path(2).path("op").asText()).isEqualTo("Add");
    }

    @Test
    void aMemberIdThatIsNoIdNeverReachesAFilter() throws Exception {
        assertThat(EntraMemberRemoval.rewrite(json("{'Operations':[{'op':'Remove','path':'members',"
                + "'value':[{'value':'x\\\" or value pr or value eq \\\"y'}]}]}"))).isEmpty();
    }
}
