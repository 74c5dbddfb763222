# SLP - Service Location Protocol v1 and v2
# Pattern attributes: good veryfast
# Protocol groups: networking ietf_proposed_standard
# Reference: RFC 2608 section 8 (v2 header: version 2, function 1-11,
#   3-byte length, flags, next extension offset, XID, language tag length
#   and tag such as "en"); RFC 2165 section 7 (v1 header: version 1,
#   function 1-10, length, flags, dialect, 2-letter language code)

slp
^(\x02[\x01-\x0b].?.?.?.?.?.?.?.?.?[\x02\x05][a-z][a-z]|\x01[\x01-\x0a].?.?.?.?[a-z][a-z].?.?.?.?.?.?.?(service:|\(|default))
