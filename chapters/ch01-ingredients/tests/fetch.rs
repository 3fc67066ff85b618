//! 进货 — `fetch::download` against a tiny HTTP server on 127.0.0.1, never the internet.
//!
//! Each test starts a server thread that answers a fixed number of connections with
//! canned replies and then stops by itself (or gives up after a deadline, so a test that
//! goes wrong can never hang).

use ch01_ingredients::fetch::download;
use ch01_ingredients::DataError;
use sha2::{Digest, Sha256};
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long the server waits for a connection, or for a request, before giving up.
const PATIENCE: Duration = Duration::from_secs(10);

/// A server that answers one connection per canned reply, in order, then stops.
struct Server {
    url: String,
    thread: JoinHandle<Vec<String>>,
}

impl Server {
    fn start(replies: Vec<Vec<u8>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/names.txt", listener.local_addr().unwrap());
        let thread = std::thread::spawn(move || {
            let mut requests = Vec::new();
            for reply in replies {
                let Some(stream) = accept(&listener) else {
                    break;
                };
                requests.push(answer(stream, &reply));
            }
            requests
        });
        Server { url, thread }
    }

    /// Waits for the server to stop; returns the request line of every request it saw.
    fn requests(self) -> Vec<String> {
        self.thread.join().expect("the server thread panicked")
    }
}

/// The next connection, or `None` once `PATIENCE` has passed without one.
fn accept(listener: &TcpListener) -> Option<TcpStream> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        match listener.accept() {
            Ok((stream, _)) => return Some(stream),
            Err(e) if e.kind() == ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return None,
        }
    }
}

/// Reads one request's head, writes `reply`, and closes the connection.
fn answer(mut stream: TcpStream, reply: &[u8]) -> String {
    stream.set_nonblocking(false).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.set_write_timeout(Some(PATIENCE)).unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    // The client may already have given up; the test looks at what it got, not at this.
    let _ = stream.write_all(reply).and_then(|()| stream.flush());
    let _ = stream.shutdown(std::net::Shutdown::Both);
    String::from_utf8_lossy(&head)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// An HTTP/1.1 reply announcing `content_length` bytes, carrying `body` (perhaps fewer).
fn reply(status: &str, content_length: usize, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\n\
         Content-Type: text/plain\r\n\
         Content-Length: {content_length}\r\n\
         Connection: close\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn ok(body: &[u8]) -> Vec<u8> {
    reply("200 OK", body.len(), body)
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Some records: big enough to arrive in many reads.
fn records() -> Vec<u8> {
    let names = [
        "emma",
        "olivia",
        "ava",
        "isabella",
        "sophia",
        "charlotte",
        "mia",
        "amelia",
    ];
    (0..20_000)
        .flat_map(|i| format!("{}{}\n", names[i % names.len()], i).into_bytes())
        .collect()
}

/// The names of everything in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn good_file_is_saved() {
    let body = records();
    let server = Server::start(vec![ok(&body)]);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("names.txt");

    download(&server.url, &dest, &sha256_hex(&body)).unwrap();

    assert_eq!(server.requests(), ["GET /names.txt HTTP/1.1"]);
    let saved = std::fs::read(&dest).unwrap();
    assert_eq!(saved.len(), body.len());
    assert_eq!(sha256_hex(&saved), sha256_hex(&body));
    assert!(saved == body, "the saved file differs from what was served");
    assert_eq!(
        entries(dir.path()),
        ["names.txt"],
        "only the file itself, no temporary left"
    );
}

#[test]
fn good_file_creates_missing_directories_and_replaces_an_old_file() {
    let body = b"emma\nolivia\nava\n";
    let server = Server::start(vec![ok(body), ok(body)]);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("data").join("deeper").join("names.txt");

    download(&server.url, &dest, &sha256_hex(body)).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), body);

    std::fs::write(&dest, b"stale").unwrap();
    download(&server.url, &dest, &sha256_hex(body)).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), body);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(entries(dest.parent().unwrap()), ["names.txt"]);
}

#[test]
fn truncated_body_is_refused() {
    let body = records();
    let sent = &body[..body.len() / 2];
    // Announce every byte, send half, hang up.
    let server = Server::start(vec![reply("200 OK", body.len(), sent)]);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("names.txt");

    let url = server.url.clone();
    let err = download(&url, &dest, &sha256_hex(&body)).unwrap_err();

    assert_eq!(server.requests().len(), 1);
    assert!(
        matches!(&err, DataError::Download { url: u, .. } if u == &url),
        "{err:?}"
    );
    assert!(
        !dest.exists(),
        "a truncated download must not create {}",
        dest.display()
    );
    assert_eq!(
        entries(dir.path()),
        Vec::<String>::new(),
        "no temporary file may be left behind"
    );
}

#[test]
fn wrong_checksum_is_refused_and_keeps_the_old_file() {
    let body = records();
    let server = Server::start(vec![ok(&body), ok(&body)]);
    let dir = tempfile::tempdir().unwrap();
    let expected = sha256_hex(b"some other file");

    // No file yet: none is created.
    let dest = dir.path().join("names.txt");
    let err = download(&server.url, &dest, &expected).unwrap_err();
    match &err {
        DataError::Checksum { expected: e, got, .. } => {
            assert_eq!(e, &expected);
            assert_eq!(got, &sha256_hex(&body));
        }
        other => panic!("expected a checksum error, got {other:?}"),
    }
    assert!(err.to_string().contains(&expected), "{err}");
    assert!(!dest.exists());
    assert_eq!(entries(dir.path()), Vec::<String>::new());

    // A file already there: left exactly as it was.
    std::fs::write(&dest, b"the old records\n").unwrap();
    let err = download(&server.url, &dest, &expected).unwrap_err();
    assert!(matches!(err, DataError::Checksum { .. }), "{err:?}");
    assert_eq!(std::fs::read(&dest).unwrap(), b"the old records\n");
    assert_eq!(entries(dir.path()), ["names.txt"]);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn http_error_status_is_a_download_error() {
    let server = Server::start(vec![reply("404 Not Found", 9, b"not found")]);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("names.txt");

    let err = download(&server.url, &dest, &sha256_hex(b"not found")).unwrap_err();

    assert_eq!(server.requests().len(), 1);
    assert!(matches!(err, DataError::Download { .. }), "{err:?}");
    assert!(!dest.exists());
}

#[test]
fn server_down_is_a_download_error() {
    // Take a free port, then close it: nothing listens there any more.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/names.txt", listener.local_addr().unwrap());
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("names.txt");

    let err = download(&url, &dest, &sha256_hex(b"")).unwrap_err();

    match &err {
        DataError::Download { url: u, .. } => assert_eq!(u, &url),
        other => panic!("expected a download error, got {other:?}"),
    }
    assert!(err.to_string().contains(&url), "{err}");
    assert!(!dest.exists());
    assert_eq!(entries(dir.path()), Vec::<String>::new());
}
