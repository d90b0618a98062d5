import type { ReferenceRuleId } from "../rules/rule-ids";

/** The rule ids behind each name of the Standard Edition, Front End and Director certificates (§3–§5). */
export interface InternalServerRuleIds {
  defaultSn: ReferenceRuleId;
  defaultPool: ReferenceRuleId;
  defaultServer: ReferenceRuleId;
  defaultSipAutoConfig: ReferenceRuleId;
  defaultSipStrictDns: ReferenceRuleId;
  defaultSipIntExt: ReferenceRuleId;
  webIntSn: ReferenceRuleId;
  webIntWeb: ReferenceRuleId;
  webIntServer: ReferenceRuleId | undefined;
  webIntPool: ReferenceRuleId | undefined;
  webIntMeet: ReferenceRuleId;
  webIntDialin: ReferenceRuleId;
  webIntAdmin: ReferenceRuleId;
  webExtSn: ReferenceRuleId;
  webExtWeb: ReferenceRuleId;
  webExtMeet: ReferenceRuleId;
  webExtDialin: ReferenceRuleId;
  wildcard: ReferenceRuleId;
}

export const STANDARD_EDITION_RULES: InternalServerRuleIds = {
  defaultSn: "SE-DEFAULT-SN",
  defaultPool: "SE-DEFAULT-SAN-POOL",
  defaultServer: "SE-DEFAULT-SAN-SERVER",
  defaultSipAutoConfig: "SE-DEFAULT-SAN-SIP-AUTOCFG",
  defaultSipStrictDns: "SE-DEFAULT-SAN-SIP-STRICTDNS",
  defaultSipIntExt: "SE-DEFAULT-SAN-SIPINTEXT",
  webIntSn: "SE-WEBINT-SN",
  webIntWeb: "SE-WEBINT-SAN-INTWEB",
  webIntServer: undefined,
  webIntPool: undefined,
  webIntMeet: "SE-WEBINT-SAN-MEET",
  webIntDialin: "SE-WEBINT-SAN-DIALIN",
  webIntAdmin: "SE-WEBINT-SAN-ADMIN",
  webExtSn: "SE-WEBEXT-SN",
  webExtWeb: "SE-WEBEXT-SAN-EXTWEB",
  webExtMeet: "SE-WEBEXT-SAN-MEET",
  webExtDialin: "SE-WEBEXT-SAN-DIALIN",
  wildcard: "WILDCARD-FE-WEB",
};

export const FRONT_END_RULES: InternalServerRuleIds = {
  defaultSn: "FE-DEFAULT-SN",
  defaultPool: "FE-DEFAULT-SAN-POOL",
  defaultServer: "FE-DEFAULT-SAN-SERVER",
  defaultSipAutoConfig: "FE-DEFAULT-SAN-SIP-AUTOCFG",
  defaultSipStrictDns: "FE-DEFAULT-SAN-SIP-STRICTDNS",
  defaultSipIntExt: "FE-DEFAULT-SAN-SIPINTEXT",
  webIntSn: "FE-WEBINT-SN",
  webIntWeb: "FE-WEBINT-SAN-INTWEB",
  webIntServer: "FE-WEBINT-SAN-SERVER",
  webIntPool: "FE-WEBINT-SAN-POOL",
  webIntMeet: "FE-WEBINT-SAN-MEET",
  webIntDialin: "FE-WEBINT-SAN-DIALIN",
  webIntAdmin: "FE-WEBINT-SAN-ADMIN",
  webExtSn: "FE-WEBEXT-SN",
  webExtWeb: "FE-WEBEXT-SAN-EXTWEB",
  webExtMeet: "FE-WEBEXT-SAN-MEET",
  webExtDialin: "FE-WEBEXT-SAN-DIALIN",
  wildcard: "WILDCARD-FE-WEB",
};

/** The Director has no auto-configuration SAN rule of its own; the wizard's SIP-domain page stands for it. */
export const DIRECTOR_RULES: InternalServerRuleIds = {
  defaultSn: "DIR-DEFAULT-SN",
  defaultPool: "DIR-DEFAULT-SAN-POOL",
  defaultServer: "DIR-DEFAULT-SAN-SERVER",
  defaultSipAutoConfig: "DIR-DEFAULT-SIPDOMAINS-WIZARD",
  defaultSipStrictDns: "DIR-DEFAULT-SAN-SIP-STRICTDNS",
  defaultSipIntExt: "COMMON-SIPINTEXT",
  webIntSn: "DIR-WEBINT-SN",
  webIntWeb: "DIR-WEBINT-SAN-INTWEB",
  webIntServer: "DIR-WEBINT-SAN-SERVER",
  webIntPool: "DIR-WEBINT-SAN-POOL",
  webIntMeet: "DIR-WEBINT-SAN-MEET",
  webIntDialin: "DIR-WEBINT-SAN-DIALIN",
  webIntAdmin: "DIR-WEBINT-SAN-ADMIN",
  webExtSn: "DIR-WEBEXT-SN",
  webExtWeb: "DIR-WEBEXT-SAN-EXTWEB",
  webExtMeet: "DIR-WEBEXT-SAN-MEET",
  webExtDialin: "DIR-WEBEXT-SAN-DIALIN",
  wildcard: "WILDCARD-DIR-WEB",
};
