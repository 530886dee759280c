package io.mdfe.cli;

import io.mdfe.core.Provenance;
import picocli.CommandLine;

/** {@code mdfe --version}: the version and the commit it was built from. */
final class MdfeVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"mdfe " + Provenance.version() + " (commit " + Provenance.gitCommit() + ")"};
    }
}
