/*
** assets.S -- the web page (web/) and the OpenAPI document, embedded in
** the binary at build time with the assembler's .incbin (curl's file-embed
** idea without a generator step). Paths are relative to the top of the
** source tree, where make runs; the Makefile makes this object depend on
** the embedded files. For each FILE this defines NAME (the bytes, followed
** by one NUL) and NAME_len (a 32-bit byte count without the NUL); route.c
** declares them.
*/
.macro SO_EMBED name, file
    .section .rodata
    .balign 16
    .globl \name
    .type \name, %object
\name:
    .incbin "\file"
\name\()_end:
    .byte 0
    .size \name, . - \name
    .balign 4
    .globl \name\()_len
    .type \name\()_len, %object
\name\()_len:
    .long \name\()_end - \name
    .size \name\()_len, 4
.endm

SO_EMBED so_srv_web_index_html, "web/index.html"
SO_EMBED so_srv_web_app_js, "web/app.js"
SO_EMBED so_srv_web_style_css, "web/style.css"
SO_EMBED so_srv_web_openapi_json, "docs/openapi.json"

#if defined(__linux__) && defined(__ELF__)
.section .note.GNU-stack, "", %progbits
#endif
