import { describe, expect, it } from "vitest";
import { appWords, fieldProblem } from "../../src-renderer/lib/field-labels";

describe("appWords: messages in the app's words", () => {
  it("names the site file's keys and CLI options by the app's labels, and leaves ordinary words alone", () => {
    expect(appWords("pools[1].externalWebFqdn: a mediation pool has no web services; remove externalWebFqdn")).toBe(
      "Pool 2.External web FQDN: a mediation pool has no web services; remove External web FQDN",
    );
    expect(appWords("--server: no director server has that name; the role's servers are listed")).toBe("Server: no director server has that name; the role's servers are listed");
    expect(fieldProblem("pools[0].servers", "pools[0].servers: needs at least 1 host name")).toEqual({
      id: "site-pools-0-servers",
      where: "Pool 1 › Servers",
      text: "needs at least 1 host name",
    });
  });
});
