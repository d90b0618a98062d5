import { describe, expect, it } from "vitest";
import { appWords, fieldProblem } from "../../src-renderer/lib/field-labels";

describe("appWords: messages in the app's words", () => {
  it("names the site file's keys and CLI options by the app's labels, and leaves ordinary words alone", () => {
    expect(appWords("pools[1].externalWebFqdn: a mediation pool has no web services; remove externalWebFqdn")).toBe(
      "Pool 2.External web FQDN: a Mediation pool has no web services; remove External web FQDN",
    );
    expect(appWords("--server: no director server has that name; the role's servers are listed")).toBe("Server: no director server has that name; the role's servers are listed");
    expect(fieldProblem("pools[0].servers", "pools[0].servers: needs at least 1 host name")).toEqual({
      id: "site-pools-0-servers",
      path: "pools[0].servers",
      where: "Pool 1 › Servers",
      text: "needs at least 1 host name",
    });
  });

  it("says schema words and command hints as what to do in the app", () => {
    expect(appWords('must be one of standard-edition, front-end, director, found "frontend"')).toBe('"frontend" is not one of the choices: choose one from the list');
    expect(appWords("must be a list of host names, found nothing")).toBe("is empty: enter at least one host name");
    expect(appWords("no request x in /s (see lynccert list)")).toBe("no request x in /s");
    expect(appWords("a standard-edition pool needs its external web services FQDN (TOPO-EXTWEB)")).toBe(
      "a Standard Edition server needs its external web services FQDN (TOPO-EXTWEB)",
    );
    expect(appWords("a edge pool has no web services")).toBe("an Edge pool has no web services");
    expect(appWords("plan a separate certificate (--types AccessEdgeExternal,DataEdgeExternal plus --types AudioVideoAuthentication).")).toBe(
      "plan a separate certificate (one certificate for Access Edge external, Web Conferencing Edge external, another for A/V Authentication).",
    );
  });
});
