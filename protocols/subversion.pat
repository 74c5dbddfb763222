# Subversion - the svn:// protocol (svnserve)
# Pattern attributes: great veryfast
# Protocol groups: version_control
# Reference: subversion/libsvn_ra_svn/protocol, section 3.1 (the server's
#   greeting "( success ( minver maxver ( mechs ) ( caps ) ) )")

subversion
^\( success \( [0-9]+ [0-9]+ \(
