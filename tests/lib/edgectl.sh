# Reading edgefw's counters in test scripts (source it).

# zone_counter NETNS ZONE COUNTER: one zone counter of `edgectl counters -j`
# in NETNS, e.g. zone_counter edge external dropped_no_rule
zone_counter() {
	ip netns exec "$1" edgectl counters -j | /usr/bin/python3 -IS -c 'import json, sys
print([z for z in json.load(sys.stdin)["zones"] if z["zone"] == sys.argv[1]][0][sys.argv[2]])' "$2" "$3"
}
