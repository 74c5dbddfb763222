# Guest side of check-dkms (tests/pkg/dkms.sh boots it with VM_KO set to
# the module DKMS built): the guest's xt_layer7.ko is that file, the
# module a rule autoloads is that build, and it blocks one protocol
# while others pass.
#   vm-dkms.sh MD5 BUILD_ID      (of DKMS's xt_layer7.ko)
. /usr/local/lib/vmtest.sh
md5=${1:?md5} build_id=${2:?build id}
ko=$(find /lib/modules/$(uname -r)/extra -name 'xt_layer7.ko*')
[ -n "$ko" ] || fail "no xt_layer7.ko in the guest"
expect_eq "the guest's xt_layer7.ko is DKMS's" "$md5" "$(md5sum < "$ko" | cut -d' ' -f1)"

topo_router
l7_test_patterns /tmp/l7
start_servers srv || fail "servers did not start"
check "rule with the DKMS module" \
	ns rtr iptables -A FORWARD -m layer7 --l7proto ssh --l7dir /tmp/l7 -j DROP
# The note holds namesz, descsz, type and "GNU\0" (16 bytes), then the ID.
note=/sys/module/xt_layer7/notes/.note.gnu.build-id
expect_eq "the loaded module is DKMS's build" "$build_id" \
	"$(od -An -tx1 -v -j16 "$note" 2>/dev/null | tr -d ' \n')"
if flow_ssh cli 10.0.2.2 2>/dev/null; then fail "SSH got through"; else ok "SSH blocked"; fi
check "HTTP passes" flow_http cli 10.0.2.2
finish
