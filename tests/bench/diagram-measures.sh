#!/usr/bin/env bash
# How readable the diagrams are: overlaps, crossings, labels over boxes, colliding cut
# names and the zoom at fit on a 1280×720 page, for the samples and the ten largest
# corpus templates (issue 13). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
cargo run --quiet --release -p formwork-core --example diagram_measures -- "$@"
