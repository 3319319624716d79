package dev.forensics.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forensics.store.ingest.InvalidIngestInputException;
import dev.forensics.store.ingest.InvalidLine;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreExceptionTest {

    @Test
    void aRemedyIsDataAndItsAdviceEndsTheMessageInLibraryTerms() {
        StoreException error = new StoreException("shop.db has no forensics-store schema", Remedy.MIGRATE, null);

        assertThat(error.remedy()).isEqualTo(Remedy.MIGRATE);
        assertThat(error.problem()).isEqualTo("shop.db has no forensics-store schema");
        assertThat(error.getMessage())
                .isEqualTo("shop.db has no forensics-store schema: migrate it first with Repository.migrate(...)");
    }

    @Test
    void anErrorWithoutRemedyKeepsItsMessageAsWritten() {
        StoreException error = new StoreException("the disk is full; free space and run it again");

        assertThat(error.remedy()).isEqualTo(Remedy.NONE);
        assertThat(error.getMessage())
                .isEqualTo(error.problem())
                .isEqualTo("the disk is full; free space and run it again");
    }

    @Test
    void invalidIngestInputSaysHowToSkipInLibraryTermsNotAsACommandLineFlag() {
        var error = new InvalidIngestInputException(
                List.of(new InvalidLine(java.nio.file.Path.of("in.jsonl"), 1, "url is required")), 1);

        assertThat(error.remedy()).isEqualTo(Remedy.FIX_OR_SKIP_INVALID_INPUT);
        assertThat(error.getMessage()).contains("IngestOptions.skipInvalid()").doesNotContain("--skip-invalid");
    }
}
