//! Whose request it is: the client's address, as the sign-in limits count it, the audit
//! records it and the access log writes it (SPEC §2 "Sign-in protection", issue 34).
//!
//! The address is the TCP peer's, unless the peer is one of the operator's trusted
//! proxies (`TRUSTED_PROXIES`: addresses or CIDR ranges, none by default). From a trusted
//! peer, the one header the proxy sets (`PROXY_HEADER`: `X-Forwarded-For` by default, or
//! `Forwarded`) is read from its right end, hop by hop, skipping the addresses that are
//! themselves trusted proxies: the first one that is not is the client. Everything to its
//! left was written by the client and is never believed — provided the proxy appends to
//! (or sets) that header, and no client sits inside a trusted range (README, "Behind a
//! reverse proxy"). The other header is ignored: a proxy that sets one passes the other on
//! as the client sent it.
//!
//! An entry that is not an address (`unknown`, an obfuscated name, garbage) ends the walk
//! at the hop that wrote it: the client is then the last address known, a proxy of ours.
//! No header, or one of nothing but trusted hops: the last trusted hop is the client.
//!
//! Pure: no HTTP types. `web::request::client_ip` feeds it a request.

use std::net::IpAddr;

/// Which header a trusted proxy sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProxyHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx, Caddy, HAProxy, most balancers).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client;proto=https, for=proxy1`.
    Forwarded,
}

impl ProxyHeader {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "x-forwarded-for" => Ok(ProxyHeader::XForwardedFor),
            "forwarded" => Ok(ProxyHeader::Forwarded),
            other => Err(format!(
                "{other:?} is neither x-forwarded-for nor forwarded"
            )),
        }
    }

    /// The header's name, lower-case.
    pub fn name(self) -> &'static str {
        match self {
            ProxyHeader::XForwardedFor => "x-forwarded-for",
            ProxyHeader::Forwarded => "forwarded",
        }
    }
}

/// One address or CIDR range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Net {
    addr: IpAddr,
    prefix: u8,
}

impl Net {
    fn parse(s: &str) -> Result<Net, String> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an address or CIDR range"))?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?}: the prefix must be 0–{max}"))?,
        };
        Ok(Net { addr, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The operator's trusted proxies (`TRUSTED_PROXIES`); empty by default: nobody's headers
/// are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Net>);

impl TrustedProxies {
    /// A list separated by commas or spaces: `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(s: &str) -> Result<Self, String> {
        s.split([',', ' ', '\t', '\n'])
            .filter(|p| !p.is_empty())
            .map(Net::parse)
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|n| n.contains(ip))
    }
}

/// One hop of a forwarding header: an address, or something that is not one.
fn hop(entry: &str, header: ProxyHeader) -> Option<IpAddr> {
    let value = match header {
        ProxyHeader::XForwardedFor => entry.trim(),
        ProxyHeader::Forwarded => entry
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))?
            .1
            .trim(),
    };
    let value = value.trim_matches('"');
    // `[2001:db8::1]:4711`, `[2001:db8::1]`, `192.0.2.1:4711`, `192.0.2.1`, `2001:db8::1`.
    let bare = if let Some(rest) = value.strip_prefix('[') {
        rest.split_once(']')?.0
    } else if value.matches(':').count() == 1 {
        value.split_once(':')?.0
    } else {
        value
    };
    bare.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

/// The client's address: `peer` (the TCP peer), or, when it is a trusted proxy, the
/// rightmost untrusted hop of `header`'s values (each line of the header, in order).
pub fn client_address(
    peer: IpAddr,
    header_values: &[&str],
    header: ProxyHeader,
    trusted: &TrustedProxies,
) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted.trusts(peer) {
        return peer;
    }
    let entries: Vec<&str> = header_values.iter().flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for entry in entries.iter().rev() {
        match hop(entry, header) {
            Some(ip) if trusted.trusts(ip) => client = ip,
            Some(ip) => return ip,
            // Not an address: nothing further left is believed.
            None => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_client_is_the_rightmost_hop_that_is_not_a_trusted_proxy() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8").unwrap();
        let xff = ProxyHeader::XForwardedFor;
        let fwd = ProxyHeader::Forwarded;
        // (peer, header lines, header, expected client)
        let table: Vec<(&str, Vec<&str>, ProxyHeader, &str)> = vec![
            // Nobody's headers from an untrusted peer: the peer, whatever they say.
            ("203.0.113.9", vec!["198.51.100.1"], xff, "203.0.113.9"),
            ("203.0.113.9", vec!["for=198.51.100.1"], fwd, "203.0.113.9"),
            // One trusted proxy.
            ("127.0.0.1", vec!["198.51.100.1"], xff, "198.51.100.1"),
            // Spoofed leftmost entries: the client wrote them; the proxy appended the truth.
            (
                "127.0.0.1",
                vec!["1.1.1.1, 2.2.2.2, 198.51.100.1"],
                xff,
                "198.51.100.1",
            ),
            // A chain of trusted proxies (a balancer in 10/8, then nginx on the host).
            (
                "127.0.0.1",
                vec!["6.6.6.6, 198.51.100.1, 10.1.2.3"],
                xff,
                "198.51.100.1",
            ),
            // Several header lines are one list, in order.
            (
                "127.0.0.1",
                vec!["6.6.6.6", "198.51.100.1, 10.0.0.7"],
                xff,
                "198.51.100.1",
            ),
            // Only trusted hops, or no header: the last trusted hop.
            ("127.0.0.1", vec!["10.0.0.7"], xff, "10.0.0.7"),
            ("127.0.0.1", vec![], xff, "127.0.0.1"),
            ("127.0.0.1", vec![""], xff, "127.0.0.1"),
            // IPv6, with and without brackets and ports; mapped IPv4 read as IPv4.
            ("::1", vec!["2001:db8::7"], xff, "2001:db8::7"),
            ("::1", vec!["[2001:db8::7]:4711"], xff, "2001:db8::7"),
            (
                "::ffff:127.0.0.1",
                vec!["198.51.100.1"],
                xff,
                "198.51.100.1",
            ),
            (
                "127.0.0.1",
                vec!["::ffff:198.51.100.1"],
                xff,
                "198.51.100.1",
            ),
            ("127.0.0.1", vec!["198.51.100.1:5555"], xff, "198.51.100.1"),
            (
                "fd00::2",
                vec![r#"for="[2001:db8:cafe::17]:4711";proto=https"#],
                fwd,
                "2001:db8:cafe::17",
            ),
            // RFC 7239's own example, two proxies; case and spaces as they come.
            (
                "127.0.0.1",
                vec!["for=192.0.2.43, For=198.51.100.17;by=10.0.0.1"],
                fwd,
                "198.51.100.17",
            ),
            // Malformed or unknown: the walk stops at the hop that wrote it.
            ("127.0.0.1", vec!["garbage"], xff, "127.0.0.1"),
            ("127.0.0.1", vec!["198.51.100.1, unknown"], xff, "127.0.0.1"),
            (
                "127.0.0.1",
                vec!["198.51.100.1, nonsense, 10.0.0.7"],
                xff,
                "10.0.0.7",
            ),
            ("127.0.0.1", vec!["for=_hidden"], fwd, "127.0.0.1"),
            ("127.0.0.1", vec!["proto=https"], fwd, "127.0.0.1"),
            ("127.0.0.1", vec!["[::1"], xff, "127.0.0.1"),
            ("127.0.0.1", vec!["999.1.1.1"], xff, "127.0.0.1"),
        ];
        for (peer, lines, header, expected) in table {
            assert_eq!(
                client_address(ip(peer), &lines, header, &trusted),
                ip(expected),
                "{peer} {lines:?} {header:?}"
            );
        }
    }

    #[test]
    fn the_header_that_is_not_the_proxys_is_not_read() {
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        // A client's own `Forwarded` reaches us through an nginx that sets X-Forwarded-For:
        // read as X-Forwarded-For it is not an address, and nothing of it is believed.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &["for=6.6.6.6"],
                ProxyHeader::XForwardedFor,
                &trusted
            ),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn nobody_is_trusted_by_default_and_lists_are_checked() {
        let none = TrustedProxies::default();
        assert!(none.is_empty());
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &["198.51.100.1"],
                ProxyHeader::XForwardedFor,
                &none
            ),
            ip("127.0.0.1")
        );
        assert_eq!(TrustedProxies::parse("").unwrap(), none);
        let all = TrustedProxies::parse("0.0.0.0/0").unwrap();
        assert!(all.trusts(ip("8.8.8.8")) && !all.trusts(ip("::2")));
        let one = TrustedProxies::parse("10.0.0.0/31").unwrap();
        assert!(one.trusts(ip("10.0.0.1")) && !one.trusts(ip("10.0.0.2")));
        for bad in ["10.0.0.0/33", "::/129", "localhost", "10.0.0.1/x", "1.2.3"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            ProxyHeader::parse(" Forwarded "),
            Ok(ProxyHeader::Forwarded)
        );
        assert!(ProxyHeader::parse("x-real-ip").is_err());
    }
}
