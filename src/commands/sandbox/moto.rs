//! moto server, the sandbox's AWS emulator: a Python that has it (installed with pip into
//! a virtual environment of the sandbox when missing), and the launcher that serves it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;

use super::Context;
use crate::error::{HintedFailure, UsageError};

/// Serves moto on a free port of 127.0.0.1, writes its URL to the file given as the first
/// argument (atomically: a temporary file renamed), then waits until it is signalled.
const LAUNCHER: &str = r#"
import os, sys, threading
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
target = sys.argv[1]
temporary = target + ".tmp"
with open(temporary, "w") as file:
    file.write(f"http://{host}:{port}\n")
os.replace(temporary, target)
print(f"moto serves http://{host}:{port}", flush=True)
threading.Event().wait()
"#;

/// The Python sleak uses: `SLEAK_SANDBOX_PYTHON`, else `python3`.
fn configured_python() -> OsString {
    std::env::var_os("SLEAK_SANDBOX_PYTHON")
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| "python3".into())
}

/// Whether `python` runs and imports moto's server: `Some(true)`, `Some(false)` when it
/// runs without moto, `None` when it does not run at all.
fn has_moto(python: &Path) -> Option<bool> {
    Command::new(python)
        .args(["-c", "import moto.server"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()
        .map(|status| status.success())
}

/// A Python that imports `moto.server`: the configured one when it does, else the
/// sandbox's own virtual environment, created and given `moto[server]` with pip first when
/// needed.
pub(super) fn python_with_moto(context: &Context, dir: &Path) -> anyhow::Result<PathBuf> {
    let configured = PathBuf::from(configured_python());
    let runs = match has_moto(&configured) {
        Some(true) => return Ok(configured),
        Some(false) => true,
        None => false,
    };
    let venv = dir.join("moto-venv");
    let venv_python = venv.join("bin").join("python");
    if venv_python.exists() && has_moto(&venv_python) == Some(true) {
        return Ok(venv_python);
    }
    if !runs {
        return Err(UsageError::new(format!(
            "the sandbox runs moto (the AWS emulator) with Python 3 and pip, and `{}` does not run",
            configured.display()
        ))
        .with_hint(
            "install Python 3 with pip and venv (Debian/Ubuntu: `sudo apt install python3 python3-pip \
             python3-venv`; macOS: `brew install python`), or point SLEAK_SANDBOX_PYTHON at a Python 3",
        )
        .into());
    }
    context.printer.status(&format!(
        "Installing moto[server] with pip into {} (once; this takes a minute)",
        venv.display()
    ));
    if venv_python.exists() && has_moto(&venv_python).is_none() {
        // A virtual environment whose Python no longer runs (its base Python was removed
        // or upgraded): made again.
        std::fs::remove_dir_all(&venv)
            .with_context(|| format!("could not remove `{}`", venv.display()))?;
    }
    if !venv_python.exists() {
        let output = Command::new(&configured)
            .args(["-m", "venv"])
            .arg(&venv)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("could not run `{}`", configured.display()))?;
        if !output.status.success() {
            let _ = std::fs::remove_dir_all(&venv);
            return Err(HintedFailure::new(
                format!(
                    "could not create a virtual environment at `{}`: {}",
                    venv.display(),
                    tail(&output.stderr)
                ),
                "install Python's venv module and pip (Debian/Ubuntu: `sudo apt install python3-venv \
                 python3-pip`), or install moto yourself (`pip install 'moto[server]'`) and point \
                 SLEAK_SANDBOX_PYTHON at that Python",
            )
            .into());
        }
    }
    // `python -m pip`: the venv's pip, without relying on its `bin/pip` script.
    let output = Command::new(&venv_python)
        .args(["-m", "pip", "install", "--quiet", "moto[server]"])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("could not run `{}`", venv_python.display()))?;
    if !output.status.success() {
        return Err(HintedFailure::new(
            format!(
                "pip could not install moto[server] into `{}`: {}",
                venv.display(),
                tail(&output.stderr)
            ),
            format!(
                "check pip's message and the network (pip reaches pypi.org); remove `{}` to start \
                 over; or install moto yourself (`pip install 'moto[server]'`) and point \
                 SLEAK_SANDBOX_PYTHON at that Python",
                venv.display()
            ),
        )
        .into());
    }
    if has_moto(&venv_python) != Some(true) {
        anyhow::bail!(
            "moto was installed into `{}` but `import moto.server` still fails",
            venv.display()
        );
    }
    context.printer.success("Installed", "moto[server]");
    Ok(venv_python)
}

/// The last lines of a tool's stderr, for an error message.
fn tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let start = lines.len().saturating_sub(8);
    let tail = lines[start..].join("\n");
    if tail.is_empty() {
        "(no message)".to_owned()
    } else {
        tail
    }
}

/// The command that serves moto, writing its URL to `url_file`.
pub(super) fn launcher(python: &Path, url_file: &Path) -> Command {
    let mut command = Command::new(python);
    command
        .args(["-c", LAUNCHER])
        .arg(url_file)
        // AWS-managed IAM policies exist in every real account; moto loads them only when
        // asked. ACM validates a DNS-validated certificate after 1 s (60 by default).
        .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
        .env("MOTO_ACM_VALIDATION_WAIT", "1")
        .env("PYTHONUNBUFFERED", "1");
    command
}

/// Whether an HTTP server answers at `url` (`http://HOST:PORT`): any HTTP response to a
/// GET of `/moto-api/` will do.
pub(super) fn answers(url: &str) -> bool {
    use std::io::{Read as _, Write as _};
    use std::net::{TcpStream, ToSocketAddrs as _};
    use std::time::Duration;

    let Some(address) = url.strip_prefix("http://") else {
        return false;
    };
    let address = address.trim_end_matches('/');
    let Some(socket) = address
        .to_socket_addrs()
        .ok()
        .and_then(|mut all| all.next())
    else {
        return false;
    };
    let Ok(mut stream) = TcpStream::connect_timeout(&socket, Duration::from_secs(2)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(3)));
    let request =
        format!("GET /moto-api/ HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut start = [0u8; 5];
    stream.read_exact(&mut start).is_ok() && &start == b"HTTP/"
}
