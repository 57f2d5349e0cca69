-- Online submission: the component each uploaded file belongs to.
ALTER TABLE "DossierFiles" ADD "Component" TEXT NULL;
