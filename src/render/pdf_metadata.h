// A PDF's metadata for our writer (issue 14): the document information dictionary, the XMP packet
// that says the same thing (and what the file conforms to: PDF/UA-1, PDF/A-2b/2u), and the sRGB
// output intent PDF/A asks for.
// In: layout's DocInfo. Out: PDF object bodies and the XMP packet's bytes. Deterministic: nothing
// comes from the clock or randomness.
#pragma once

#include <string>

#include "layout/paged.h"

namespace inkstone::render::pdf {

// The document information dictionary (PDF 32000-1, 14.3.3): /Producer (kProducer), /Creator,
// /Title always; /Author, /Subject, /Keywords when set; /CreationDate and /ModDate (both the
// creation date, "D:YYYYMMDDHHmmSSZ") when DocInfo::createDate is set.
std::string infoDictionary(const layout::DocInfo& info);

// The /Producer of every PDF our writer makes (and XMP's pdf:Producer).
inline constexpr const char* kProducer = "inkstone native writer";

// The XMP packet (ISO 16684-1; PDF 32000-1, 14.3.2) of the document's metadata stream, UTF-8:
// dc:format, dc:title, dc:creator (one entry: the whole /Author, so that the two are equivalent as
// PDF/A requires, ISO 19005-2 6.6.2.3), dc:description (/Subject), dc:language, pdf:Keywords,
// pdf:Producer, xmp:CreatorTool (/Creator), xmp:CreateDate, xmp:ModifyDate and xmp:MetadataDate
// (the same instant as the Info dates, "YYYY-MM-DDTHH:MM:SSZ"); each only where the information
// dictionary has its counterpart. Then the claims: pdfuaid:part 1 when DocInfo::tagged (ISO
// 14289-1, 5), pdfaid:part 2 and pdfaid:conformance B or U when DocInfo::pdfa is set, and, when
// both, the PDF/A extension schema that describes pdfuaid (PDF/A-2 predefines no such schema,
// ISO 19005-2 6.6.2.3.2). Values are escaped for XML; characters XML 1.0 does not allow (control
// characters other than tab, line feed and carriage return; malformed UTF-8) become U+FFFD.
// The stream is to be written unfiltered (PDF/A: no /Filter on a metadata stream), its
// dictionary `/Type /Metadata /Subtype /XML`, referred to by the catalog's /Metadata.
std::string xmpMetadata(const layout::DocInfo& info);

// The bytes of an RGB ICC profile file: UserError naming the file when it cannot be read or is no
// RGB ICC profile (the signature 'acsp' at byte 36, the colour space 'RGB ' at byte 16, the
// profile size in its header the file's).
std::string readIccProfile(const std::string& path);

// Where srgbProfile reads the profile: Debian's package icc-profiles-free (scripts/install-deps.sh).
inline constexpr const char* kSrgbProfilePath = "/usr/share/color/icc/sRGB.icc";

// The sRGB profile (sRGB IEC61966-2.1) that PDF/A's output intent embeds, read once per process
// (thread-safe); UserError naming the file and the package when it is missing or damaged.
const std::string& srgbProfile();

// The PDF/A output intent (ISO 19005-2 6.2.3; PDF 32000-1, 14.11.5): a dictionary for the
// catalog's /OutputIntents array, its /DestOutputProfile object `profileObject`: a stream of
// srgbProfile()'s bytes whose dictionary must have `/N 3` (three colour components).
std::string outputIntent(int profileObject);

}  // namespace inkstone::render::pdf
