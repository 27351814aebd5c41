"""What is drawn: pages, reusable components and pure figure builders."""
