//! Running programs: one search path for all of them, echoing each command, and
//! capturing output while it streams to the terminal.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// Where the project's programs are found: `node_modules/.bin` first (wasm-opt from
/// npm's binaryen 132 must win over an older system one), then Cargo's bin folder
/// (where `cargo install` puts trunk and wasm-bindgen, even when the shell has not
/// got it on PATH yet), then the inherited PATH.
pub struct Tools {
    pub root: PathBuf,
    pub path: OsString,
}

impl Tools {
    pub fn new(root: &Path) -> Tools {
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        Tools {
            root: root.to_path_buf(),
            path: search_path(root, cargo_home.as_deref(), &inherited),
        }
    }

    /// A command run from the repository root with the project's search path.
    /// `cargo` means the cargo that runs xtask.
    pub fn command(&self, program: &str) -> Command {
        let program = match program {
            "cargo" => std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            other => other.into(),
        };
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        cmd
    }

    /// The full path of `program` on the project's search path.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        std::env::split_paths(&self.path)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    }

    /// The first line a program prints for `args` (`--version`), if it runs at all.
    pub fn first_line(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = self
            .command(program)
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        out.status
            .success()
            .then(|| text.lines().next().unwrap_or("").trim().to_string())
    }
}

/// `node_modules/.bin`, then Cargo's bin folder, then `inherited`.
pub fn search_path(root: &Path, cargo_home: Option<&Path>, inherited: &OsString) -> OsString {
    let mut dirs = vec![root.join("node_modules/.bin")];
    dirs.extend(cargo_home.map(|h| h.join("bin")));
    dirs.extend(std::env::split_paths(inherited));
    std::env::join_paths(dirs).unwrap_or_else(|_| inherited.clone())
}

/// A command as a shell would show it.
pub fn describe(cmd: &Command) -> String {
    let mut line = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}

/// Runs `cmd` with inherited output; an error unless it exits with success.
pub fn run_checked(cmd: &mut Command) -> Result<(), String> {
    let line = describe(cmd);
    println!("$ {line}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs `cmd`, streaming its output to ours and returning whether it succeeded and
/// everything it printed (stdout and stderr interleaved by line arrival).
pub fn run_captured(cmd: &mut Command) -> (bool, String) {
    let line = describe(cmd);
    println!("$ {line}");
    let mut child = match cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => return (false, format!("cannot run `{line}`: {e}")),
    };
    let captured = Arc::new(Mutex::new(Vec::new()));
    let pump = |mut from: Box<dyn Read + Send>, to_stderr: bool| {
        let captured = Arc::clone(&captured);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let chunk = &buf[..n];
                let _ = if to_stderr {
                    std::io::stderr().write_all(chunk)
                } else {
                    std::io::stdout().write_all(chunk)
                };
                captured
                    .lock()
                    .expect("capture lock")
                    .extend_from_slice(chunk);
            }
        })
    };
    let threads = [
        pump(Box::new(child.stdout.take().expect("piped stdout")), false),
        pump(Box::new(child.stderr.take().expect("piped stderr")), true),
    ];
    let status = child.wait();
    for t in threads {
        let _ = t.join();
    }
    let text = String::from_utf8_lossy(&captured.lock().expect("capture lock")).into_owned();
    (status.is_ok_and(|s| s.success()), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_path_puts_node_tools_then_cargo_bin_first() {
        let path = search_path(
            Path::new("/repo"),
            Some(Path::new("/home/me/.cargo")),
            &OsString::from("/usr/bin:/bin"),
        );
        let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
        assert_eq!(
            dirs,
            [
                "/repo/node_modules/.bin",
                "/home/me/.cargo/bin",
                "/usr/bin",
                "/bin"
            ]
            .map(PathBuf::from)
        );
    }

    #[test]
    fn captures_both_streams_and_the_status() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo err >&2; exit 3"]);
        let (ok, text) = run_captured(&mut cmd);
        assert!(!ok);
        assert!(text.contains("out\n") && text.contains("err\n"), "{text:?}");
        assert_eq!(describe(&cmd), "sh -c echo out; echo err >&2; exit 3");
    }
}
