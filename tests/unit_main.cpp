// Entry point of the doctest unit suite; the tests live beside their modules (src/*/*_test.cpp).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
