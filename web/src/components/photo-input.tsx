import { useId } from 'preact/hooks';

/** A big "take a photo" control: the phone opens its camera (capture), a computer its file picker. */
export function PhotoInput({ label, onPhoto }: { label: string; onPhoto: (file: File) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id} class="btn btn-secondary photo-label">
        {label}
      </label>
      <input
        id={id}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) onPhoto(file);
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
