package dev.vakt.contract;

/**
 * Domain names (DOM-1 to DOM-3).
 *
 * @param renewUnpaid whether names with an unpaid yearly fee are renewed (DG: no)
 * @param registrarLock names are protected by registrar lock
 * @param withholdAuthCodeWhileInDefault the EPP/AUTHINFO code is withheld while payment is in
 *     default
 * @param whoisPrivacy WHOIS privacy is offered per domain
 * @param assignNameServers name servers are assigned at registration
 */
public record DomainTerms(
    Boolean renewUnpaid,
    Boolean registrarLock,
    Boolean withholdAuthCodeWhileInDefault,
    Boolean whoisPrivacy,
    Boolean assignNameServers) {}
