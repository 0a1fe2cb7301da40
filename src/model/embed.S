/*
** embed.S -- links the default model file (models/sayso.model) into the
** library, so that sayso works without any model path after installation.
*/
    .section .rodata
    .balign 16
    .global so_embedded_model
    .global so_embedded_model_end
so_embedded_model:
    .incbin "models/sayso.model"
so_embedded_model_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
