#!/usr/bin/env bash
# Backup and restore of the MotCua database (PostgreSQL), for operators and for the restore drill the tests run.
#
#   scripts/backup.sh backup OUT                 a consistent backup of the live database into the new folder OUT
#   scripts/backup.sh restore OUT DATADIR PORT   a new PostgreSQL server in DATADIR on PORT holding the backup;
#                                                checks every table's row count against the backup's
#   scripts/backup.sh stop DATADIR               stops a restored server
#
# The database is the usual libpq settings: PGHOST (127.0.0.1), PGPORT (55614), PGUSER (postgres), PGDATABASE (motcua).
#
# Why pg_dump (logical, one snapshot) rather than pg_basebackup (the data directory): the backup is taken while citizens and
# officers keep writing, and it must be provably whole. pg_dump reads every table in one exported snapshot, and the same
# snapshot counts each table's rows into counts.tsv: the restore is compared with the exact figures the backup holds, and the
# audit chain is whole at that instant. The dump also restores on a newer PostgreSQL (a province moves servers), its
# directory format dumps and restores tables in parallel, and it carries no bloat. Its cost: a restore rebuilds indexes
# (RTO grows with the data), and what was written after the snapshot is not in it (the RPO printed below, plus the time
# between scheduled backups). For an RPO of seconds, add WAL archiving and base backups; this script does not replace that.
set -euo pipefail

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55614} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-motcua}
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -1)")
jobs=${MOTCUA_BACKUP_JOBS:-2}

as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# Every user table's row count, "schema.table<TAB>rows", sorted; in the session's snapshot when run inside one.
count_sql="SELECT format('SELECT %L, count(*) FROM %I.%I', schemaname || '.' || tablename, schemaname, tablename)
  FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename \\gexec"

backup() {
    local out=$1
    [ -e "$out" ] && { echo "$out exists: a backup goes into a new folder" >&2; exit 1; }
    mkdir -p "$out"
    local started
    started=$(now)

    # One session holds the snapshot open: it counts the rows, and pg_dump reads the very same snapshot.
    coproc SNAPSHOT { "$pg_bin/psql" -X -q -At -F $'\t' -v ON_ERROR_STOP=1; }
    local to=${SNAPSHOT[1]} from=${SNAPSHOT[0]}
    echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
          SELECT pg_export_snapshot(), to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), extract(epoch FROM clock_timestamp());" >&"$to"
    local snapshot snapshot_at snapshot_epoch
    IFS=$'\t' read -r snapshot snapshot_at snapshot_epoch <&"$from"
    printf '%s\nSELECT %s;\n' "$count_sql" "'-- end --'" >&"$to"
    local line
    : >"$out/counts.tsv"
    while IFS= read -r line <&"$from" && [ "$line" != "-- end --" ]; do
        printf '%s\n' "$line" >>"$out/counts.tsv"
    done

    "$pg_bin/pg_dump" --snapshot="$snapshot" -Fd -j "$jobs" -f "$out/dump"
    echo "COMMIT;" >&"$to"
    exec {to}>&-
    wait "$SNAPSHOT_PID" 2>/dev/null || true

    (cd "$out" && find dump -type f -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
    local finished rows tables
    finished=$(now)
    tables=$(wc -l <"$out/counts.tsv")
    rows=$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$out/counts.tsv")
    printf '%s\n' "database=$PGDATABASE" "server=$("$pg_bin/psql" -X -At -c 'SHOW server_version')" \
        "snapshot_at=$snapshot_at" "snapshot_epoch=$snapshot_epoch" "finished_epoch=$finished" >"$out/backup.info"
    echo "backup: $out, $tables tables, $rows rows, as of $snapshot_at, in $(seconds "$started" "$finished") s"
    # Writes committed after the snapshot are not in this backup: had the server been lost as it finished, that is the loss.
    echo "RPO achieved: $(seconds "$snapshot_epoch" "$finished") s (from the snapshot to the backup's end; add the time between scheduled backups)"
}

restore() {
    local out=$1 data=$2 port=$3
    [ -f "$out/backup.info" ] || { echo "$out is not a backup made by this script" >&2; exit 1; }
    [ -e "$data" ] && { echo "$data exists: a restore makes a new server" >&2; exit 1; }
    local started
    started=$(now)
    (cd "$out" && sha256sum --quiet -c SHA256SUMS) || { echo "the backup's files do not match SHA256SUMS" >&2; exit 1; }

    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    as_pg "$pg_bin/initdb -D $data/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    as_pg "$pg_bin/pg_ctl -D $data/data -o \"-c listen_addresses=127.0.0.1 -p $port -k $data\" -l $data/log -w start >/dev/null"
    export PGHOST=127.0.0.1 PGPORT=$port
    "$pg_bin/createdb" "$PGDATABASE"
    "$pg_bin/pg_restore" -j "$jobs" --exit-on-error -d "$PGDATABASE" "$out/dump"

    local restored
    restored=$(mktemp)
    printf '%s\n' "$count_sql" | "$pg_bin/psql" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 >"$restored"
    if ! diff -u "$out/counts.tsv" "$restored" >&2; then
        rm -f "$restored"
        echo "restore: row counts differ from the backup's (above)" >&2
        exit 1
    fi

    local finished tables rows
    finished=$(now)
    tables=$(wc -l <"$restored")
    rows=$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$restored")
    rm -f "$restored"
    echo "restore: $tables tables, $rows rows, every count equal to the backup's; server on 127.0.0.1:$port ($data)"
    echo "RTO achieved: $(seconds "$started" "$finished") s (from nothing to a new server holding the checked data)"
}

case "${1:-}" in
    backup) backup "${2:?backup OUT}" ;;
    restore) restore "${2:?restore OUT DATADIR PORT}" "${3:?restore OUT DATADIR PORT}" "${4:?restore OUT DATADIR PORT}" ;;
    stop) as_pg "$pg_bin/pg_ctl -D ${2:?stop DATADIR}/data -m fast -w stop >/dev/null" ;;
    *) sed -n '2,9p' "$0"; exit 2 ;;
esac
