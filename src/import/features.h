// Shape tests of a block's text that the classifier uses beside its features (features.cpp).
#pragma once

#include <string>

#include "import/page.h"

namespace inkstone::import::shape {

// "Comments", "3 responses", "网友评论": where readers' comments begin.
bool commentsHeading(const std::string& t);
// The share of a block's sentences that appeal to the reader for support.
double appealShare(const std::string& text);
// An embedded social post or a video's teaser: its kind, or null.
const char* embedKind(const std::string& t);
// A block ending with a photo agency's credit (a caption).
bool agencyCredit(const std::string& t);
// "======", "* * *": a separator drawn with characters.
bool ruleLine(const std::string& t);
// The share of a block's sentences that are a site's or a mailing's boilerplate.
double boilerplateShare(const std::string& text);
// "Home > Research > Trade": two or more arrows between short labels.
bool breadcrumbShape(const std::string& text);
// A short block by its length (Han or Latin).
bool shortBlock(const Features& f);
// A block of running text: long enough, or a full sentence of some length.
bool bodyLike(const PageBlock& b, const Features& f);

}  // namespace inkstone::import::shape
