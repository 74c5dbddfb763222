# Jabber / XMPP - Extensible Messaging and Presence Protocol
# Pattern attributes: great veryfast
# Protocol groups: chat ietf_proposed_standard
# Reference: RFC 6120 section 4.2 (opening a stream) and 4.8.1
#   (stream namespace "http://etherx.jabber.org/streams", content
#   namespaces jabber:client and jabber:server); section 8 (stanzas iq,
#   presence and message, with to/from/id/type attributes)
#
# The stanza alternative recognises a capture that starts mid-stream.

jabber
^((<\?xml[^>]*>)?[\x09-\x0d ]*<stream:stream[\x09-\x0d ][^>]*(jabber:|etherx\.jabber\.org)|</stream:stream>|<(iq|presence|message)[\x09-\x0d ][^>]*(to|from|id|type)=['"])
