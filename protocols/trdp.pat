# TRDP - Train Real-time Data Protocol (train communication network)
# Pattern attributes: good veryfast
# Protocol groups: industrial
# Reference: IEC 61375-2-3 (TRDP); the TCNopen TRDP stack
#   (trdp_private.h: a 32-bit sequence counter, protocol version 0x0100,
#   then the message type: "Pd", "Pp", "Pr", "Pe" for process data,
#   "Mn", "Mr", "Mp", "Mq", "Mc", "Me" for message data)
#
# Up to four counter bytes (zero ones dropped), 01, the type lowercased.

trdp
^.?.?.?.?\x01(p[dpre]|m[nrpqce])
