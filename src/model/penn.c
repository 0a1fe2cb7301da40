/*
** penn.c -- Penn Treebank tag names to so_penn (see penn.h).
*/
#include "model/penn.h"

#include <string.h>

#define SO_PENN_NAME(id, name) name,
static const char *const penn_names[SO_PENN_COUNT - 1] = {SO_PENN_TAGS(SO_PENN_NAME)};
#undef SO_PENN_NAME

so_penn so_penn_of(const char *name)
{
    for (unsigned k = 0; name && k < SO_PENN_COUNT - 1; k++)
        if (!strcmp(penn_names[k], name))
            return (so_penn)(k + 1);
    return SO_PENN_NONE;
}
