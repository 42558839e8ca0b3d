//! `cytomine-emulator --port N --public-key K --private-key K [--demo] [--fault-control]
//! [--profile classic|repository] [--signing current|legacy|both] [--import-delay 50ms]
//! [--latency 20ms] [--latency-per-item 5us] [--latency-per-mb 8ms]
//! [--tls-cert chain.pem --tls-key key.pem]`: serve until killed.

use std::io::Write;
use std::path::PathBuf;

use std::time::Duration;

use cytomine_emulator::{Emulator, Latency, Profile, SignatureForms};

const USAGE: &str =
    "usage: cytomine-emulator [--port N] [--public-key K] [--private-key K] [--demo] [--fault-control]
                         [--profile classic|repository] [--signing current|legacy|both]
                         [--import-delay D] [--latency T] [--latency-per-item T]
                         [--latency-per-mb T] [--tls-cert FILE --tls-key FILE]

  --port N          port to bind on 127.0.0.1 (default 0: any free port)
  --public-key K    the admin's public key (default: random, printed)
  --private-key K   the admin's private key (default: random, printed)
  --demo            preload the demo project, ontology, images and annotations
  --fault-control   serve POST/DELETE/GET /__emulator/faults to inject faults (tests only)
  --profile P       wire format of the ten migrated domains: classic (default), or repository
                    (the 2026 format: no class, ISO times, data envelopes, page/size, soft delete)
  --signing R       signing rule accepted: current (default, the four-line rule of current
                    servers), legacy (the classic core's rule with the path), or both
  --import-delay D  how long an upload without sync waits before its image is imported, e.g.
                    50ms (default), 2s, 0ms
  --latency T       service time of every request, e.g. 20ms (default 0): a real server's
                    database query and network hop; requests wait concurrently
  --latency-per-item T   added per item of a listing, e.g. 5us
  --latency-per-mb T     added per MB of request and answer bodies, e.g. 8ms
  --tls-cert FILE   serve HTTPS with this PEM certificate chain (the server's certificate
                    first; it must name the IP address 127.0.0.1)
  --tls-key FILE    the PEM private key of --tls-cert
  --help            show this help";

#[derive(Debug, Default)]
struct Args {
    port: u16,
    public_key: Option<String>,
    private_key: Option<String>,
    demo: bool,
    fault_control: bool,
    profile: Profile,
    signing: SignatureForms,
    import_delay: Option<Duration>,
    latency: Latency,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

fn parse(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut args = Args::default();
    while let Some(flag) = argv.next() {
        let mut value = |name: &str| argv.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--port" => {
                let v = value("--port")?;
                args.port = v
                    .parse()
                    .map_err(|_| format!("--port: not a port number: {v}"))?;
            }
            "--public-key" => args.public_key = Some(value("--public-key")?),
            "--private-key" => args.private_key = Some(value("--private-key")?),
            "--demo" => args.demo = true,
            "--fault-control" => args.fault_control = true,
            "--profile" => args.profile = value("--profile")?.parse()?,
            "--signing" => args.signing = value("--signing")?.parse()?,
            "--import-delay" => {
                args.import_delay = Some(duration("--import-delay", &value("--import-delay")?)?);
            }
            "--latency" => {
                let fixed = duration("--latency", &value("--latency")?)?;
                args.latency = Latency::fixed(fixed)
                    .per_item(args.latency.per_item_time())
                    .per_mb(args.latency.per_mb_time());
            }
            "--latency-per-item" => {
                let cost = duration("--latency-per-item", &value("--latency-per-item")?)?;
                args.latency = args.latency.per_item(cost);
            }
            "--latency-per-mb" => {
                let cost = duration("--latency-per-mb", &value("--latency-per-mb")?)?;
                args.latency = args.latency.per_mb(cost);
            }
            "--tls-cert" => args.tls_cert = Some(value("--tls-cert")?.into()),
            "--tls-key" => args.tls_key = Some(value("--tls-key")?.into()),
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    if args.public_key.is_some() != args.private_key.is_some() {
        return Err("--public-key and --private-key go together".into());
    }
    if args.tls_cert.is_some() != args.tls_key.is_some() {
        return Err("--tls-cert and --tls-key go together".into());
    }
    Ok(Some(args))
}

/// `20ms`, `1.5s`, `300us`, `0`.
fn duration(flag: &str, text: &str) -> Result<Duration, String> {
    let bad = || format!("{flag}: not a duration (e.g. 20ms, 1.5s, 300us): {text}");
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.trim().parse().map_err(|_| bad())?;
    let seconds = match unit {
        "s" => value,
        "ms" => value / 1e3,
        "us" | "µs" => value / 1e6,
        "" if value == 0.0 => 0.0,
        _ => return Err(bad()),
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| bad())
}

#[tokio::main]
async fn main() {
    let args = match parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("cytomine-emulator: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let mut builder = Emulator::builder()
        .port(args.port)
        .demo(args.demo)
        .fault_control(args.fault_control)
        .profile(args.profile)
        .signature_forms(args.signing)
        .latency_model(args.latency);
    if let Some(delay) = args.import_delay {
        builder = builder.import_delay(delay);
    }
    let random_keys = args.public_key.is_none();
    if let (Some(public), Some(private)) = (args.public_key, args.private_key) {
        builder = builder.admin_keys(public, private);
    }
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        let read = |path: &PathBuf| {
            std::fs::read(path).unwrap_or_else(|e| {
                eprintln!("cytomine-emulator: cannot read {}: {e}", path.display());
                std::process::exit(1);
            })
        };
        builder = builder.tls(read(cert), read(key));
    }
    let emulator = match builder.start().await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cytomine-emulator: cannot start on port {}: {e}", args.port);
            std::process::exit(1);
        }
    };
    if random_keys {
        let admin = emulator.admin();
        eprintln!(
            "admin public key: {}\nadmin private key: {}",
            admin.public_key, admin.private_key
        );
    }
    let mut out = std::io::stdout();
    eprintln!("wire profile: {}", emulator.profile());
    eprintln!("signing rule: {}", args.signing);
    if !args.latency.is_zero() {
        eprintln!("latency: {:?}", args.latency);
    }
    let _ = writeln!(out, "listening on {}", emulator.base_url());
    let _ = out.flush();
    wait_for_signal().await;
    emulator.shutdown().await;
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Args>, String> {
        parse(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn profile_flag() {
        let classic = args(&[]).ok().flatten().map(|a| a.profile);
        assert_eq!(classic, Some(Profile::Classic));
        let repo = args(&["--profile", "repository", "--demo"]).ok().flatten();
        assert_eq!(
            repo.map(|a| (a.profile, a.demo)),
            Some((Profile::Repository, true))
        );
        assert!(args(&["--profile", "2026"]).is_err_and(|e| e.contains("unknown profile")));
        assert!(args(&["--profile"]).is_err_and(|e| e.contains("needs a value")));
    }

    #[test]
    fn tls_flags_go_together() {
        let both = args(&["--tls-cert", "chain.pem", "--tls-key", "key.pem"])
            .ok()
            .flatten()
            .map(|a| (a.tls_cert, a.tls_key));
        assert_eq!(
            both,
            Some((Some("chain.pem".into()), Some("key.pem".into())))
        );
        assert!(args(&["--tls-cert", "chain.pem"]).is_err_and(|e| e.contains("go together")));
    }

    #[test]
    fn signing_flag() {
        let default = args(&[]).ok().flatten().map(|a| a.signing);
        assert_eq!(default, Some(SignatureForms::CurrentOnly));
        for (text, rule) in [
            ("current", SignatureForms::CurrentOnly),
            ("legacy", SignatureForms::LegacyOnly),
            ("both", SignatureForms::Both),
        ] {
            let parsed = args(&["--signing", text]).ok().flatten().map(|a| a.signing);
            assert_eq!(parsed, Some(rule), "{text}");
        }
        assert!(args(&["--signing", "path"]).is_err_and(|e| e.contains("unknown signing rule")));
    }

    #[test]
    fn latency_flags() {
        let none = args(&[]).ok().flatten().map(|a| a.latency);
        assert_eq!(none, Some(Latency::default()));
        let set = args(&["--latency-per-mb", "8ms", "--latency", "20ms"])
            .ok()
            .flatten();
        let expected = Latency::fixed(Duration::from_millis(20)).per_mb(Duration::from_millis(8));
        assert_eq!(set.map(|a| a.latency), Some(expected));
        let item = args(&["--latency-per-item", "1.5us"]).ok().flatten();
        assert_eq!(
            item.map(|a| a.latency.per_item_time()),
            Some(Duration::from_nanos(1500))
        );
        assert!(args(&["--latency", "20"]).is_err_and(|e| e.contains("not a duration")));
        assert!(args(&["--latency", "-1ms"]).is_err());
    }

    #[test]
    fn import_delay_flag() {
        let delay = |list: &[&str]| args(list).map(|a| a.and_then(|a| a.import_delay));
        assert_eq!(delay(&[]), Ok(None));
        assert_eq!(
            delay(&["--import-delay", "50ms"]),
            Ok(Some(Duration::from_millis(50)))
        );
        assert_eq!(
            delay(&["--import-delay", "2s"]),
            Ok(Some(Duration::from_secs(2)))
        );
        assert_eq!(delay(&["--import-delay", "0"]), Ok(Some(Duration::ZERO)));
        assert!(delay(&["--import-delay", "soon"]).is_err());
    }
}
