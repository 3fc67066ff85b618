#!/usr/bin/env bash
# Runs Karpathy's microgpt.py and `kitchen` with the same settings and diffs their stdout.
#
#   scripts/compare-with-reference.sh PATH/TO/microgpt.py [SETTINGS...]
#
# SETTINGS are kitchen flags, any of: --seed N  --steps N  --n-embd N  --n-head N
# --n-layer N  --block-size N  --learning-rate X  --temperature X  --samples N  --data FILE.
# For example, the two extra reference runs kept in tests/data:
#
#   scripts/compare-with-reference.sh ~/microgpt.py --seed 1337 --steps 100 --n-layer 2 \
#       --n-embd 32 --n-head 8 --block-size 12 --learning-rate 0.005 --temperature 1.0 --samples 5
#   scripts/compare-with-reference.sh ~/microgpt.py --data tests/data/other-records.txt \
#       --steps 200 --samples 10
#
# Bring your own copy of microgpt.py: it is not part of this repository and never goes
# into it. The script is written for the version this course follows (linear learning-rate
# decay, β1 0.85, β2 0.99, the step lines printed one per line); another version gives
# other numbers, and the diff will show it.
#
# How the reference values were made. microgpt.py has no flags: its settings are
# constants in the file (random.seed(42), n_embd = 16, n_head = 4, n_layer = 1,
# block_size = 16, learning_rate = 0.01, num_steps = 1000, temperature = 0.5, 20 samples)
# and it reads its records from input.txt in the directory it runs in. So for other
# settings one edits a copy: that is what this script does, in a temporary directory,
# with sed (it stops if a constant is not found exactly once — then edit your copy by
# hand), and it copies the records there as input.txt. tests/data/reference-*.out were
# made the same way, from edited copies; tests/data/README.md lists each file's settings.
#
# The reference is pure Python and slow: the default 1000 steps take several minutes.
set -euo pipefail

die() { echo "error: $*" >&2; exit 1; }

[[ $# -ge 1 ]] || die "usage: $0 PATH/TO/microgpt.py [--seed N] [--steps N] [--n-embd N] [--n-head N] [--n-layer N] [--block-size N] [--learning-rate X] [--temperature X] [--samples N] [--data FILE]"
original=$1
shift
[[ -f $original ]] || die "$original: no such file; pass the path to your copy of microgpt.py"
command -v python3 >/dev/null || die "python3 is not installed; the reference needs it"
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The reference's defaults, overridden by the flags.
seed=42 steps=1000 n_embd=16 n_head=4 n_layer=1 block_size=16 lr=0.01 temperature=0.5 samples=20
data=$root/data/names.txt
flags=("$@")
while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || die "$1 needs a value"
    case $1 in
        --seed) seed=$2 ;;
        --steps) steps=$2 ;;
        --n-embd) n_embd=$2 ;;
        --n-head) n_head=$2 ;;
        --n-layer) n_layer=$2 ;;
        --block-size) block_size=$2 ;;
        --learning-rate) lr=$2 ;;
        --temperature) temperature=$2 ;;
        --samples) samples=$2 ;;
        --data) data=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") ;;
        *) die "$1: not a setting this script can give the reference (see the top of $0)" ;;
    esac
    if [[ $1 != --data && ! $2 =~ ^[-+0-9.eE]+$ ]]; then
        die "$1 $2: use a plain number"
    fi
    shift 2
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The kitchen first: it also fetches data/names.txt if it is missing.
echo "kitchen ${flags[*]}" >&2
(cd "$root" && cargo run --release --quiet -- "${flags[@]}") >"$work/kitchen.out"

[[ -f $data ]] || die "$data: no such file"
cp "$data" "$work/input.txt"
copy=$work/microgpt.py
cp "$original" "$copy"

# Replaces the one line of the copy that matches the extended regex $1 by $2.
set_constant() {
    local count
    count=$(grep -cE "$1" "$copy" || true)
    [[ $count == 1 ]] || die "$original: expected one line matching /$1/, found $count; edit that constant by hand"
    sed -E -i "s/$1/$2/" "$copy"
}
set_constant '^random\.seed\([-0-9]+\)' "random.seed($seed)"
set_constant '^n_embd = [0-9]+' "n_embd = $n_embd"
set_constant '^n_head = [0-9]+' "n_head = $n_head"
set_constant '^n_layer = [0-9]+' "n_layer = $n_layer"
set_constant '^block_size = [0-9]+' "block_size = $block_size"
set_constant '^(learning_rate[a-z0-9_, ]*= *)[-+0-9.eE]+' "\\1$lr"
set_constant '^num_steps = [0-9]+' "num_steps = $steps"
set_constant '^temperature = [-+0-9.eE]+' "temperature = $temperature"
set_constant '^for sample_idx in range\([0-9]+\)' "for sample_idx in range($samples)"

echo "python3 microgpt.py (edited copy; this takes a while)" >&2
# Some versions end each step line with '\r' (to overwrite it in a terminal): make those
# ordinary lines, as the kitchen prints them when its stdout is not a terminal.
(cd "$work" && python3 microgpt.py) | tr '\r' '\n' >"$work/reference.out"

if diff -u --label reference "$work/reference.out" --label kitchen "$work/kitchen.out"; then
    echo "identical: $(wc -l <"$work/kitchen.out") lines" >&2
else
    die "the kitchen and the reference differ (above)"
fi
