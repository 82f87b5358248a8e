# What the driver's tests (t2000, t2010) share: the driver, the test PDFs,
# and a configuration that puts a stand-in script in place of a stage.
# Sourced after test-lib.sh.

PDF=$TESTDIR/pdf
PARAGRAF=$PF_BIN/paragraf

# test.conf: stage NAME replaced by the script FILE, and more lines
conf_with_stage() { # NAME FILE [more lines...]
	local name=$1 file=$2
	shift 2
	{
		printf '[pipeline]\nbin = %s\n[stage %s]\npath = %s\n' "$PF_BIN" "$name" "$file"
		printf '%s\n' "$@"
	} >test.conf
}
