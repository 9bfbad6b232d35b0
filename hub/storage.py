"""Static files for production: hashed names, compressed copies, and third-party source maps
that are referenced but not shipped."""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage, tolerant of one kind of broken reference.

    Minified files from packages often end in a ``sourceMappingURL`` comment naming a map the
    package does not ship (wagtail-nhsuk-frontend 2.1.0's ``nhsuk-frontend-10.4.2.min.css``
    and ``.min.js``). Django's manifest storage stops ``collectstatic`` with
    ``MissingFileError`` on such a reference. Here a source-map comment whose file is missing
    is dropped (a browser's developer tools would only ask for a file that is not there);
    every other missing reference (an image, a font, an imported module) still fails the
    release, because a page would break.
    """

    def url_converter(self, name, hashed_files, template=None):
        convert = super().url_converter(name, hashed_files, template)

        def converter(matchobj):
            try:
                return convert(matchobj)
            except ValueError:
                if "sourceMappingURL" not in matchobj.group("matched"):
                    raise
                logger.info(
                    "%s names the source map %s, which is not shipped: reference dropped",
                    name,
                    matchobj.group("url"),
                )
                return ""

        return converter
