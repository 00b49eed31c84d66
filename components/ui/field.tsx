import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { cn } from "./cn";

const controlBase =
  "block w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-sm transition-colors placeholder:text-zinc-500 " +
  "focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600/30 disabled:bg-zinc-100 disabled:text-zinc-500";

export function controlClasses(invalid?: boolean, className?: string) {
  return cn(controlBase, invalid ? "border-red-600" : "border-zinc-300", className);
}

type FieldProps = {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
};

/** Label + control + hint + error, wired together with ids for screen readers. */
function FieldShell({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-sm text-zinc-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The id and the aria wiring every control in a field shares. */
function useControl(idProp: string | undefined, error?: string, hint?: ReactNode) {
  const generated = useId();
  const id = idProp ?? generated;
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

export function TextField({
  label,
  error,
  hint,
  className,
  id,
  ...props
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const control = useControl(id, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <input {...control} className={controlClasses(Boolean(error), "h-10")} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  id,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const control = useControl(id, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <select {...control} className={controlClasses(Boolean(error), "h-10 pr-8")} {...props}>
        {children}
      </select>
    </FieldShell>
  );
}

export function TextareaField({
  label,
  error,
  hint,
  className,
  id,
  ...props
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const control = useControl(id, error, hint);
  return (
    <FieldShell id={control.id} label={label} error={error} hint={hint} className={className}>
      <textarea {...control} className={controlClasses(Boolean(error), "py-2")} {...props} />
    </FieldShell>
  );
}
