# SMB - Server Message Block / CIFS, SMB 1 to 3, directly over TCP
# Pattern attributes: great veryfast
# Protocol groups: file_transfer
# Reference: [MS-SMB2] section 2.1 (Direct TCP transport: zero byte and
#   3-byte length) and 2.2.1 (protocol id FE 'S' 'M' 'B'), 2.2.41/2.2.42
#   (transform FD, compression FC headers); [MS-CIFS] 2.2.3.1 (FF 'S' 'M' 'B')

smb
^.?.?.?[\xfc-\xff]smb
