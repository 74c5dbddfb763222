# Controller Area Network frames tunnelled over UDP or TCP
# Pattern attributes: great veryfast
# Protocol groups: industrial
# Reference: nDPI's dissector (src/lib/protocols/can.c): an 8-byte
#   signature "ISO11898" (the CAN standard's number), a version byte 1
#   and a frame count, then the CAN frames
#
# The signature (lowercased) and version 1.

controller_area_network
^iso11898\x01
