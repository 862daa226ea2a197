#!/bin/sh
# scripts/outlines.sh TOOL OUT — builds the country outlines file OUT with
# TOOL (scripts/outlines-build.c, compiled by the Makefile) from the GeoJSON
# outlines of the world-countries npm package that scripts/install-deps.sh
# installs into third_party/npm (ODbL data). Without them it says so and
# exits 0: story maps are then drawn without land. $STORYLINE_NPM_DIR
# overrides third_party/npm.
set -eu
tool=$1
out=$2
npm_dir=${STORYLINE_NPM_DIR:-third_party/npm}
data=$npm_dir/node_modules/world-countries/data
if ! ls "$data"/*.geo.json >/dev/null 2>&1; then
    echo "outlines: $data/*.geo.json missing (run scripts/install-deps.sh);" \
         "maps will have no land" >&2
    exit 0
fi
"$tool" "$out" "$data"/*.geo.json
