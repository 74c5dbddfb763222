# RADIUS - Remote Authentication Dial In User Service
# Pattern attributes: ok veryfast undermatch
# Protocol groups: authentication ietf_draft_standard
# Reference: RFC 2865 section 3 (packet: code, identifier, length, 16-byte
#   authenticator, attributes) and 5.1 (User-Name, type 1); RFC 2866
#   section 5.1 (Accounting-Request's Acct-Status-Type, type 40)
#
# Only the code byte is at a fixed place: the pattern needs an
# Access-Request whose first attribute is a printable User-Name, or an
# Accounting-Request starting with Acct-Status-Type (undermatch).  After
# the User-Name one of the attributes that accompany it must follow
# (User-Password, CHAP-Password, NAS-IP-Address, NAS-Port, Service-Type,
# Called/Calling-Station-Id, NAS-Port-Type).  Attribute types that are
# printable once lowercased (EAP-Message 4f, Message-Authenticator 50,
# NAS-Identifier 20) would be indistinguishable from the user name.

radius
^(\x01.?.?.?..............?.?.?\x01[\x05-\x40][!-~][!-~][!-~]+([\x02\x05\x06\x3d][\x06\x12\x22\x32\x42\x52\x62\x72\x82]|\x03\x13|\x04\x06|[\x1e\x1f][\x03-\x40])|\x04.?.?.?..............?.?.?\(\x06[\x01-\x0f])
