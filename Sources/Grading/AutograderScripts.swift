/// The two scripts Gradescope runs, as the autograder zip carries them (`Autograder`).
///
/// Every path in them is under `AUTOGRADER_ROOT` (default `/autograder`, where Gradescope lays
/// out `source/`, `submission/`, `results/` and `submission_metadata.json`), and `HW` names the
/// `hw` executable (default: the release build that `setup.sh` made in `source/hw`), so that a
/// test runs `run_autograder` on a folder of its own with the `hw` it built.
enum AutograderScripts {
  /// The Swift release `setup.sh` installs: the Swift project's tarball for Ubuntu 22.04, with
  /// its SHA-256 for each architecture.
  static let swiftVersion = "6.3"
  static let swiftSHA256 = (
    x86_64: "af1dd256952a928e19ee99d67053f56120c2d20363b96f2017e2038093bfbb49",
    aarch64: "cb89091dda0a136a94aaaa4eb122161dd7759bd3fd9bd5c9d890dbc90f213b6c"
  )

  /// Runs once, as root, when Gradescope builds the autograder's image: installs Swift and what
  /// `hw` needs, then builds `hw` (release) from the sources in `source/hw`.
  static let setup = #"""
    #!/usr/bin/env bash
    # Gradescope runs this once, as root, on its Ubuntu 22.04 image: it installs Swift \#(swiftVersion)
    # (the Swift project's release for Ubuntu 22.04, checked against its SHA-256), the libraries
    # and tools hw needs, and builds hw in release mode from the sources in source/hw.
    #
    # AUTOGRADER_ROOT: the folder Gradescope unpacked this zip under, in source/ (default
    # /autograder). The toolchain goes to /opt/swift-\#(swiftVersion).
    set -euo pipefail
    umask 022

    root="${AUTOGRADER_ROOT:-/autograder}"
    swift_version="\#(swiftVersion)"
    swift_home="/opt/swift-$swift_version"

    case "$(uname -m)" in
      x86_64)
        arch_suffix=""
        swift_sha256="\#(swiftSHA256.x86_64)"
        ;;
      aarch64 | arm64)
        arch_suffix="-aarch64"
        swift_sha256="\#(swiftSHA256.aarch64)"
        ;;
      *)
        echo "setup.sh: no Swift release for Ubuntu 22.04 on $(uname -m)" >&2
        exit 1
        ;;
    esac

    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # Swift's own dependencies on Ubuntu 22.04, then hw's: libcmark (Markdown), OpenBLAS (the
    # engine), bubblewrap (the sandbox), util-linux (prlimit, setpriv).
    apt-get install -y --no-install-recommends \
      ca-certificates curl \
      binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-11-dev \
      libpython3-dev libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev pkg-config tzdata \
      unzip zlib1g-dev \
      libcmark-dev libopenblas-dev bubblewrap util-linux

    name="swift-$swift_version-RELEASE-ubuntu22.04$arch_suffix"
    url="https://download.swift.org/swift-$swift_version-release/ubuntu2204$arch_suffix"
    url="$url/swift-$swift_version-RELEASE/$name.tar.gz"
    download="$(mktemp -d)"
    trap 'rm -rf "$download"' EXIT
    curl -fsSL --retry 3 -o "$download/$name.tar.gz" "$url"
    echo "$swift_sha256  $download/$name.tar.gz" | sha256sum --check --strict -
    rm -rf "$swift_home"
    mkdir -p "$swift_home"
    tar -xzf "$download/$name.tar.gz" -C "$swift_home" --strip-components=1
    export PATH="$swift_home/usr/bin:$PATH"
    swift --version

    # hw and the library verify blocks link, beside it in .build/release.
    cd "$root/source/hw"
    swift build -c release --product hw
    swift build -c release --product HWBlockRuntime
    .build/release/hw --help >/dev/null
    echo "setup.sh: hw is built in $root/source/hw/.build/release"

    """#

  /// Runs for each submission: grades it with `hw grade` and writes `results/results.json`,
  /// which says what went wrong (score 0) when grading could not happen.
  static let runAutograder = #"""
    #!/usr/bin/env bash
    # Gradescope runs this for each submission, as root: it grades the upload with hw grade on
    # the grader's hidden checks (source/grader) and writes results/results.json. The upload is
    # a folder holding Content/, or the Markdown files of Content/ at its top. Whatever fails,
    # a results.json is written: score 0, with what went wrong.
    #
    # AUTOGRADER_ROOT: the folder laid out as Gradescope lays out /autograder (source/ with this
    # zip's files, submission/, results/, submission_metadata.json); default /autograder.
    # HW: the hw executable; default the release build setup.sh made in source/hw.
    set -uo pipefail

    root="${AUTOGRADER_ROOT:-/autograder}"
    hw="${HW:-$root/source/hw/.build/release/hw}"
    grader="$root/source/grader"
    upload="$root/submission"
    results="$root/results"
    scratch=""
    written=0

    # $1 as a JSON string: backslashes, quotes and control characters escaped, bytes that are
    # not UTF-8 dropped.
    json_string() {
      local text
      text="$(printf '%s' "$1" | { iconv -c -f UTF-8 -t UTF-8 2>/dev/null || true; })"
      text="${text//\\/\\\\}"
      text="${text//\"/\\\"}"
      text="${text//$'\t'/\\t}"
      text="${text//$'\r'/\\r}"
      text="${text//$'\n'/\\n}"
      text="$(printf '%s' "$text" | tr -d '\000-\037\177')"
      printf '"%s"' "$text"
    }

    # Writes a results.json of score 0 that says what went wrong ($1).
    write_failure() {
      echo "run_autograder: $1" >&2
      mkdir -p "$results"
      printf '{\n  "score": 0,\n  "output": %s,\n  "tests": []\n}\n' \
        "$(json_string "The autograder could not grade this submission: $1")" \
        >"$results/results.json"
      written=1
    }

    # Writes a results.json that says what went wrong ($1), and ends.
    fail() {
      write_failure "$1"
      exit 0
    }

    # On the way out, however it ends: a results.json in any case, and no scratch folder.
    finish() {
      local status=$?
      if [[ "$written" != 1 ]]; then
        write_failure "run_autograder stopped unexpectedly (status $status)"
      fi
      if [[ -n "$scratch" ]]; then rm -rf "$scratch"; fi
    }
    trap finish EXIT

    mkdir -p "$results" || fail "cannot make $results"
    rm -f "$results/results.json"
    [[ -x "$hw" ]] || fail "hw is not built at $hw (did setup.sh finish?)"
    [[ -d "$grader" ]] || fail "the autograder has no grader folder ($grader)"
    [[ -d "$upload" ]] || fail "there is no submission folder ($upload)"

    # A scratch copy of the upload, as hw grade reads a submission: Content/ and Gradescope's
    # submission_metadata.json (the student's name and email) beside it. Other users may read
    # it (the sandbox's uid reads data files through contentFile); the results stay root's.
    scratch="$(mktemp -d)" || fail "cannot make a scratch folder"
    chmod 755 "$scratch"
    submission="$scratch/submission"
    grades="$scratch/grades"
    if ! mkdir -m 755 "$submission" || ! mkdir -m 700 "$grades"; then
      fail "cannot make a scratch folder"
    fi
    if [[ -e "$upload/Content" || -L "$upload/Content" ]]; then
      cp -R -P "$upload/." "$submission/" || fail "cannot copy the submission"
    elif compgen -G "$upload/*.md" >/dev/null; then
      if ! mkdir -m 755 "$submission/Content" || ! cp -R -P "$upload/." "$submission/Content/"
      then
        fail "cannot copy the submission"
      fi
    else
      echo "run_autograder: the submission has neither Content/ nor Markdown files at its top"
    fi
    rm -f "$submission/submission_metadata.json"
    if [[ -f "$root/submission_metadata.json" ]]; then
      cp "$root/submission_metadata.json" "$submission/submission_metadata.json"
    fi
    chmod -R u+rwX,go+rX,go-w "$submission" 2>/dev/null

    # bubblewrap first; the user level where it cannot make namespaces (Docker's default
    # seccomp profile refuses them).
    grade() {
      (cd "$scratch" && "$hw" grade --checks "$grader" --output "$grades" --sandbox "$1" \
        "$submission") >"$scratch/log" 2>&1
    }
    grade bwrap
    status=$?
    if [[ "$status" == 2 ]] && grep -q "bubblewrap" "$scratch/log"; then
      cat "$scratch/log"
      echo "run_autograder: bubblewrap does not work here; grading with --sandbox user"
      # At the user level a student's code reads what every user may read: the grader's
      # folder is closed to it (and so to the grader's own contentFile calls).
      chmod 700 "$grader"
      grade user
      status=$?
    fi
    cat "$scratch/log"

    if [[ ! -s "$grades/submission/results.json" ]]; then
      fail "hw grade ended with status $status and wrote no results: $(tail -n 20 "$scratch/log" | cut -c 1-300)"
    fi
    cp "$grades/submission/results.json" "$results/results.json" ||
      fail "cannot write $results/results.json"
    written=1

    """#
}
