# RTSP - Real Time Streaming Protocol
# Pattern attributes: great veryfast
# Protocol groups: streaming_video streaming_audio ietf_proposed_standard
# Reference: RFC 2326 sections 6 and 7 (RTSP 1.0), RFC 7826 (RTSP 2.0)

rtsp
^(options|describe|setup|play|pause|teardown|announce|record|get_parameter|set_parameter|redirect|play_notify) [!-~]+ rtsp/[12]\.0\x0d?\x0a|^rtsp/[12]\.0 [1-5][0-9][0-9][ \x0d]
